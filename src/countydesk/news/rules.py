"""The news chapter's rules: the matching rule (A9) and the size caps of feeds and uploads, each read by one function."""

from countydesk.core.records import rule_value

from .models import MatchRule, NewsRule


def match_rule() -> MatchRule:
    return MatchRule.objects.first() or MatchRule()


def max_feed_bytes() -> int:
    """The largest feed fetched or file uploaded (5 MB by default)."""
    return rule_value(NewsRule, "max_feed_mb") * 1024 * 1024


def max_upload_items() -> int:
    """The most news items one upload may hold (5,000 by default)."""
    return rule_value(NewsRule, "max_upload_items")
