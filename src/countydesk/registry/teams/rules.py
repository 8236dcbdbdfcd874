"""Team rules: one function per number."""

from countydesk.core.records import rule_value
from .models import TeamRule


def certificate_warning_days() -> int:
    """Certificates expiring within this many days are listed as expiring (证书到期提醒)."""
    return rule_value(TeamRule, "certificate_warning_days")
