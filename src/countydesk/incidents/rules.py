"""The admin-editable rule tables and the one function that reads each.

Rule rows are read often (every intake), so each table is cached in the process for RULE_TTL seconds
and dropped at once when a row is saved or deleted in this process.
"""

import math
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models.signals import post_delete, post_save

from countydesk.core.records import rule_value
from countydesk.core.taxonomy import type_code_of
from countydesk.orgs.choices import UnitKind
from countydesk.orgs.models import Unit

from .choices import DeadlineKind, Grade, TypeBasis
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


def grade_for(category: str, deaths: int, seriously_injured: int, direct_loss: Decimal | int, trapped: int = 0,
              missing: int = 0) -> int:
    """The grade of an incident of `category` with these figures: the most serious grade whose rule any figure
    meets (a bound is met when reached: 以上 includes it), else Ⅳ. The missing count as dead when the rule
    `missing_counts_as_deaths` is 1 (死亡（含失踪）). An incident not yet classified is graded by the accident
    (事故灾难) table, whose defaults are the production-safety thresholds."""
    category = category or UNCLASSIFIED_GRADED_AS
    rules = _cached("grade", lambda: list(GradeRule.objects.order_by("grade")))
    if missing_counts_as_deaths():
        deaths += missing
    figures = ((deaths, "min_deaths"), (seriously_injured, "min_seriously_injured"), (direct_loss, "min_direct_loss"),
               (trapped, "min_trapped"))
    for rule in rules:
        if rule.category != category:
            continue
        if any(getattr(rule, bound) is not None and value >= getattr(rule, bound) for value, bound in figures):
            return rule.grade
    return Grade.IV


def missing_counts_as_deaths() -> bool:
    return bool(_cached("missing_counts_as_deaths", lambda: rule_value(IncidentRule, "missing_counts_as_deaths")))


def alarm_casualties() -> int:
    """An intake whose incident has at least this many dead, trapped or missing raises the duty desk's alarm,
    whatever its grade (1 by default: any life lost or in danger)."""
    return _cached("alarm_casualties", lambda: rule_value(IncidentRule, "alarm_casualties"))


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


@dataclass(frozen=True)
class TypeDecision:
    """An event type with what decided it (TypeBasis) and the evidence (the hint, the words, the channel)."""

    code: str
    basis: str
    evidence: str = ""


def decide_type(category_hint: str, description: str, channel: str) -> TypeDecision:
    """The event type of an intake, by the first that decides, in this order: the category the calling system sent
    (a type's name or code, else its keywords), the keywords of the description, the channel's default type; else
    none, and the duty officer classifies it."""
    hint_code = type_code_of(category_hint) if category_hint.strip() else None
    if hint_code:
        return TypeDecision(hint_code, TypeBasis.HINT, category_hint.strip()[:200])
    for text, basis in ((category_hint, TypeBasis.HINT), (description, TypeBasis.WORDS)):
        code, words = _keyword_type(text)
        if code:
            return TypeDecision(code, basis, "、".join(words)[:200])
    code = channel_type(channel)
    if code:
        return TypeDecision(code, TypeBasis.CHANNEL, channel)
    return TypeDecision("", TypeBasis.NONE)


def _keyword_type(text: str) -> tuple[str, list[str]]:
    """The type whose keywords in `text` weigh the most, and those keywords. Longer keywords are matched first and
    a shorter one inside a match does not count again: 森林火灾 is 森林火 (forest fire), not also 火灾 (a fire)."""
    rules = _cached("keywords", lambda: sorted(KeywordRule.objects.values_list("keyword", "type_code", "weight"),
                                               key=lambda r: -len(r[0])))
    taken = [False] * len(text)
    scores: dict[str, int] = {}
    words: dict[str, list[str]] = {}
    for keyword, code, weight in rules:
        for start in _occurrences(text, keyword):
            if not any(taken[start:start + len(keyword)]):
                taken[start:start + len(keyword)] = [True] * len(keyword)
                if keyword not in words.setdefault(code, []):
                    scores[code] = scores.get(code, 0) + weight
                    words[code].append(keyword)
    if not scores:
        return "", []
    code = max(scores, key=lambda c: (scores[c], c))
    return code, words[code]


def _occurrences(text: str, word: str):
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)


def channel_type(channel: str) -> str:
    """The event type `channel` implies when no keyword decides ('' for a channel with no rule)."""
    return _cached("channels", lambda: dict(ChannelTypeRule.objects.values_list("channel", "type_code"))).get(channel, "")


def urgent_grade() -> int:
    """Incidents of this grade or more serious (a lower number) are urgent on the duty desk (Ⅱ by default)."""
    return _cached("urgent_grade", lambda: rule_value(IncidentRule, "urgent_grade"))


def daily_report_grade() -> int:
    """Open incidents of this grade or more serious owe a daily report (Ⅲ by default)."""
    return _cached("daily_report_grade", lambda: rule_value(IncidentRule, "daily_report_grade"))


def import_max_rows() -> int:
    """The most rows one intake file (CSV or Excel, 批量导入) may hold (5,000 by default)."""
    return _cached("import_max_rows", lambda: rule_value(IncidentRule, "import_max_rows"))


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


def _villages():
    """Villages as people name them: 青山枫林村 is also just 枫林村 (its name without the township's stem)."""
    towns = {t["id"]: t["name"] for t in _townships()}
    villages = []
    for row in Unit.objects.filter(kind=UnitKind.VILLAGE, active=True, parent_id__in=towns).values(
            "name", "short_name", "parent_id"):
        stem = towns[row["parent_id"]].rstrip("镇乡街道")
        own = row["name"][len(stem):] if row["name"].startswith(stem) and len(row["name"]) > len(stem) + 1 else ""
        names = sorted({n for n in (row["name"], row["short_name"], own) if n}, key=len, reverse=True)
        villages.append({"names": names, "spoken": own or row["short_name"] or row["name"], "township": row["parent_id"]})
    return sorted(villages, key=lambda v: -len(v["names"][0]))


def township_for(lat: float | None, lon: float | None, text: str) -> int | None:
    """The township of a location (nearest township seat), else of a text naming it or one of its villages; its id
    or None."""
    towns = _cached("townships", _townships)
    located = [t for t in towns if t["lat"] is not None]
    if lat is not None and located:
        return min(located, key=lambda t: distance_m(lat, lon, t["lat"], t["lon"]))["id"]
    for town in sorted(towns, key=lambda t: -len(t["name"])):
        if town["name"] in text or (town["short_name"] and town["short_name"] in text):
            return town["id"]
    village = _village_in(text)
    return village["township"] if village else None


def _village_in(text: str, township_id=None) -> dict | None:
    return next((v for v in _cached("villages", _villages)
                 if (township_id is None or v["township"] == township_id) and any(n in text for n in v["names"])), None)


def place_name(township_id: int | None, text: str) -> str:
    """Where an incident is, as a duty officer says it: the township, then the village the text names (青山镇枫林村);
    '' when the township is not known."""
    town = next((t for t in _cached("townships", _townships) if t["id"] == township_id), None)
    if town is None:
        return ""
    village = _village_in(text, township_id)
    return town["name"] + (village["spoken"] if village else "")
