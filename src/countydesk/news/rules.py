"""The news matching rule (A9), read by one function."""

from .models import MatchRule


def match_rule() -> MatchRule:
    return MatchRule.objects.first() or MatchRule()
