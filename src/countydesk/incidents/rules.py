"""The admin-editable rule tables and the one function that reads each.

Rule rows are read often (every intake), so each table is cached in the process for RULE_TTL seconds
and dropped at once when a row is saved or deleted in this process.
"""

import math
import time
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models.signals import post_delete, post_save

from countydesk.core.records import rule_value
from countydesk.orgs.choices import UnitKind
from countydesk.orgs.models import Unit

from .choices import DeadlineKind, Grade
from .models import ChannelTypeRule, ClusterRule, DeadlineRule, GradeRule, IncidentRule, KeywordRule, ThrottleRule

RULE_TTL = 30.0
_cache: dict[str, tuple[float, object]] = {}
UNCLASSIFIED_GRADED_AS = "2"


def _cached(name: str, load):
    hit = _cache.get(name)
    if hit and time.monotonic() - hit[0] < RULE_TTL:
        return hit[1]
    value = load()
    _cache[name] = (time.monotonic(), value)
    return value


def clear_cache(*args, **kwargs):
    _cache.clear()


for _model in (ChannelTypeRule, ClusterRule, DeadlineRule, GradeRule, IncidentRule, KeywordRule, ThrottleRule, Unit):
    post_save.connect(clear_cache, sender=_model, dispatch_uid=f"incidents-rules-{_model.__name__}")
    post_delete.connect(clear_cache, sender=_model, dispatch_uid=f"incidents-rules-del-{_model.__name__}")


def grade_for(category: str, deaths: int, seriously_injured: int, direct_loss: Decimal | int) -> int:
    """The grade of an incident of `category` with these figures: the most serious grade whose rule any figure
    meets (a bound is met when reached: 以上 includes it), else Ⅳ. An incident not yet classified is graded by
    the accident (事故灾难) table, whose defaults are the production-safety thresholds."""
    category = category or UNCLASSIFIED_GRADED_AS
    rules = _cached("grade", lambda: list(GradeRule.objects.order_by("grade")))
    figures = ((deaths, "min_deaths"), (seriously_injured, "min_seriously_injured"), (direct_loss, "min_direct_loss"))
    for rule in rules:
        if rule.category != category:
            continue
        if any(getattr(rule, bound) is not None and value >= getattr(rule, bound) for value, bound in figures):
            return rule.grade
    return Grade.IV


def report_deadlines(grade: int, received_at: datetime) -> dict[str, tuple[datetime, datetime]]:
    """{phone|written: (due, remind leader at)} counted from the receipt of the incident."""
    rules = _cached("deadline", lambda: {(r.grade, r.kind): r for r in DeadlineRule.objects.all()})
    result = {}
    for kind in DeadlineKind.values:
        rule = rules.get((grade, kind))
        if rule is not None:
            due = received_at + timedelta(minutes=rule.minutes)
            result[kind] = (due, due - timedelta(minutes=rule.warn_minutes))
    return result


def suggest_type(text: str) -> str:
    """The event type whose keywords in `text` weigh the most ('' when no keyword appears)."""
    rules = _cached("keywords", lambda: list(KeywordRule.objects.values_list("keyword", "type_code", "weight")))
    scores: dict[str, int] = {}
    for keyword, code, weight in rules:
        if keyword in text:
            scores[code] = scores.get(code, 0) + weight
    return max(scores, key=lambda code: (scores[code], code)) if scores else ""


def channel_type(channel: str) -> str:
    """The event type `channel` implies when no keyword decides ('' for a channel with no rule)."""
    return _cached("channels", lambda: dict(ChannelTypeRule.objects.values_list("channel", "type_code"))).get(channel, "")


def urgent_grade() -> int:
    """Incidents of this grade or more serious (a lower number) are urgent on the duty desk (Ⅱ by default)."""
    return _cached("urgent_grade", lambda: rule_value(IncidentRule, "urgent_grade"))


def daily_report_grade() -> int:
    """Open incidents of this grade or more serious owe a daily report (Ⅲ by default)."""
    return _cached("daily_report_grade", lambda: rule_value(IncidentRule, "daily_report_grade"))


def intake_window() -> tuple[timedelta, timedelta]:
    """How far before and after now an intake's times may lie (a year back, an hour ahead by default);
    anything outside is a sender's error, refused before it is stored."""
    return _cached("intake_window", lambda: (timedelta(days=rule_value(IncidentRule, "intake_past_days")),
                                             timedelta(minutes=rule_value(IncidentRule, "intake_future_minutes"))))


def cluster_rule() -> ClusterRule:
    return _cached("cluster", lambda: ClusterRule.objects.order_by("pk").first()
                   or ClusterRule(window_minutes=0, distance_m=0, min_similarity=1))


def throttle_rule() -> ThrottleRule:
    return _cached("throttle", lambda: ThrottleRule.objects.order_by("pk").first()
                   or ThrottleRule(window_seconds=3600, max_reports=5))


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two WGS-84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def degrees_around(lat: float, metres: float) -> tuple[float, float]:
    """Half the size, in degrees of latitude and longitude, of a box reaching `metres` around a point at `lat`."""
    dlat = metres / 111_320
    return dlat, dlat / max(math.cos(math.radians(lat)), 0.01)


def _townships():
    return list(Unit.objects.filter(kind=UnitKind.TOWNSHIP, active=True).values("id", "name", "short_name", "lat", "lon"))


def township_for(lat: float | None, lon: float | None, text: str) -> int | None:
    """The township of a location (nearest township seat) or else of a text naming it; its id or None."""
    towns = _cached("townships", _townships)
    located = [t for t in towns if t["lat"] is not None]
    if lat is not None and located:
        return min(located, key=lambda t: distance_m(lat, lon, t["lat"], t["lon"]))["id"]
    for town in sorted(towns, key=lambda t: -len(t["name"])):
        if town["name"] in text or (town["short_name"] and town["short_name"] in text):
            return town["id"]
    return None
