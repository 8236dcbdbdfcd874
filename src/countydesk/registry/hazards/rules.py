"""Hazard rules: one function per number."""

from countydesk.core.records import rule_value

from .models import HazardRule


def rectification_days(level: str) -> int:
    """Default days from finding a hidden danger of `level` to its rectification deadline."""
    return rule_value(HazardRule, f"rectification_days_{level}")
