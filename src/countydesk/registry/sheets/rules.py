"""The registry import's caps, each read by one function from the SheetRule table (defaults: migration 0001)."""

from countydesk.core.records import rule_value

from .models import SheetRule


def web_max_rows() -> int:
    """The most rows one file uploaded in the browser may hold (5,000 by default)."""
    return rule_value(SheetRule, "web_max_rows")


def cli_max_rows() -> int:
    """The most rows one file imported with `countydesk import` may hold (200,000 by default)."""
    return rule_value(SheetRule, "cli_max_rows")


def max_upload_bytes() -> int:
    """The largest file the browser may upload (10 MB by default)."""
    return rule_value(SheetRule, "max_upload_mb") * 1024 * 1024
