"""Place rules: one function per number."""

from countydesk.core.records import rule_value

from .models import PlaceRule


def nearest_shelter_count() -> int:
    """How many open shelters the public page lists (最近的避难场所)."""
    return rule_value(PlaceRule, "nearest_shelter_count")
