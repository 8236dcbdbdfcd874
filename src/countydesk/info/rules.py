"""The chapter's rule tables, each read by one function (defaults from migration 0002)."""

from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy

from .models import AllowedFileType, InfoRule, SignOffRule

K = InfoRule.Key


def _value(key: str) -> int:
    return InfoRule.objects.get(key=key).value


def submission_deadline(event_at: datetime, early_signal: bool) -> datetime:
    """When an item about an event is due at the information section (fast lane for early signals, A7)."""
    return event_at + timedelta(hours=_value(K.FAST_LANE_HOURS if early_signal else K.SUBMIT_HOURS))


def commission_deadline(issued: date) -> date:
    return issued + timedelta(days=_value(K.COMMISSION_DAYS))


def reminder_from(deadline: date) -> date:
    """The first day reminders go out for a deadline."""
    return deadline - timedelta(days=_value(K.REMINDER_DAYS))


def follow_up_due(requested: datetime) -> datetime:
    return requested + timedelta(days=_value(K.FOLLOWUP_DAYS))


BODY_TOO_LONG = gettext_lazy("The text has %(length)s characters; an item holds at most %(limit)s. Condense it, "
                             "split it into several items, or attach the long material.")


def max_body_chars() -> int:
    """The longest text a submission may have; longer material goes in as an attachment or several items."""
    return _value(K.MAX_BODY_CHARS)


def upload_limits() -> tuple[set[str], int]:
    """(allowed file name endings, largest size in bytes) for attachments."""
    return set(AllowedFileType.objects.values_list("extension", flat=True)), _value(K.MAX_UPLOAD_MB) * 1024 * 1024


def signed_with_issue() -> Q:
    """Which accepted submissions need no 审签 of their own: they go into a periodical issue as they are and are
    signed with it (SignOffRule, by kind; fast-lane items apart where the rule says so)."""
    kinds = Q(pk__in=[])
    for kind, own in SignOffRule.objects.values_list("kind", "own_sign_off"):
        if own == SignOffRule.Own.NEVER:
            kinds |= Q(kind=kind)
        elif own == SignOffRule.Own.FAST_LANE:
            kinds |= Q(kind=kind, early_signal=False)
    return kinds


def highest_adoption_only() -> bool:
    """Whether an item adopted by several periodicals counts at its highest value instead of accumulating."""
    return bool(_value(K.HIGHEST_ONLY))


def missed_commission_points() -> int:
    """The (negative) points for a commissioned piece delivered late or not at all."""
    from .models import ScoreRule

    return ScoreRule.objects.get(code="commission-missed").points


def missed_commissions_zeroing_year() -> int:
    """How many missed commissions in a year zero that year's score (0: the rule is off)."""
    return _value(K.ZERO_YEAR_MISSES)


QUALITY_CACHE_KEY = "info.quality_rule"


def quality_rule() -> tuple[int, int, float]:
    """(freshness lag in months, condensation target in characters, near-duplicate similarity) for A8.

    Read once a minute at most (lists check every row); a saved InfoRule clears it at once in this process."""
    from django.core.cache import cache

    def read():
        values = dict(InfoRule.objects.filter(key__in=[K.FRESHNESS_LAG, K.CONDENSE_CHARS, K.DUPLICATE_PERCENT])
                      .values_list("key", "value"))
        return values[K.FRESHNESS_LAG], values[K.CONDENSE_CHARS], values[K.DUPLICATE_PERCENT] / 100

    return cache.get_or_set(QUALITY_CACHE_KEY, read, 60)
