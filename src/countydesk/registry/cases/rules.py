"""The case library's rule table (CaseRule), each number read by one function (defaults: migration 0003)."""

from countydesk.core.records import rule_value

from .models import CaseRule


def max_import_bytes() -> int:
    """The largest Excel file of cases imported (5 MB by default)."""
    return rule_value(CaseRule, "max_import_mb") * 1024 * 1024
