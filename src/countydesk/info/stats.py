"""Timeliness (A4) and balance of good and bad news (A6): read-only figures over submissions."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import UNIT_STATES, Tone

# Each leg of an item's life: (label, from field, to field).
LEGS = [
    (_("event → collected"), "event_at", "collected_at"),
    (_("collected → written"), "collected_at", "written_at"),
    (_("written → submitted"), "written_at", "submitted_at"),
    (_("submitted → signed off"), "submitted_at", "signed_at"),
    (_("signed off → published"), "signed_at", "published_at"),
]
SAME_DAY_FIELDS = ("event_at", "collected_at", "written_at", "submitted_at")


def legs(submission) -> list[tuple]:
    """(label, hours or None) for each leg; None while the leg has not ended."""
    rows = []
    for label, start, end in LEGS:
        a, b = getattr(submission, start), getattr(submission, end)
        rows.append((label, round((b - a).total_seconds() / 3600, 1) if a and b else None))
    return rows


def same_day(times) -> bool:
    """当天采集、当天编写、当天报送: all on the local (Asia/Shanghai) calendar day of the event."""
    if any(t is None for t in times):
        return False
    return len({timezone.localdate(t) for t in times}) == 1


@dataclass
class SameDayRow:
    unit: str
    month: str
    total: int = 0
    same_day: int = 0

    @property
    def rate(self) -> int:
        return round(100 * self.same_day / self.total) if self.total else 0


def same_day_rates(submissions) -> list[SameDayRow]:
    """Per unit and month of the event: how many submitted items went from event to submission in one day."""
    rows: dict[tuple, SameDayRow] = {}
    values = submissions.filter(submitted_at__isnull=False).values_list("unit__name", *SAME_DAY_FIELDS)
    for unit, *times in values.order_by("unit__path", "event_at"):
        month = timezone.localtime(times[0]).strftime("%Y-%m")
        row = rows.setdefault((unit, month), SameDayRow(unit, month))
        row.total += 1
        row.same_day += same_day(times)
    return list(rows.values())


def late(submissions):
    """Items submitted after their deadline, or still not submitted when it has passed (迟报)."""
    now = timezone.now()
    return submissions.filter(Q(submitted_at__gt=F("deadline")) | Q(submitted_at__isnull=True, deadline__lt=now))


@dataclass
class BalanceRow:
    unit_id: int
    unit: str
    counts: dict = field(default_factory=lambda: dict.fromkeys(Tone.values, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def balance(submissions, units) -> list[BalanceRow]:
    """Good news / problems / neutral per unit (喜忧兼报), every unit listed even with nothing."""
    rows = {u.pk: BalanceRow(u.pk, u.name) for u in units}
    counts = submissions.exclude(status__in=UNIT_STATES).filter(unit__in=rows).values("unit_id", "tone")
    for item in counts.annotate(n=Count("pk")).order_by():
        rows[item["unit_id"]].counts[item["tone"]] = item["n"]
    return list(rows.values())


def never_problems(rows: list[BalanceRow]) -> list[BalanceRow]:
    """Units that reported in the period but never a problem (报喜不报忧)."""
    return [r for r in rows if r.total and not r.counts[Tone.PROBLEM]]


@dataclass
class QuotaShortfall:
    unit: object
    rule: object
    have: int
    required: int


def _periods(start, end, per: str) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return months if per == "month" else max(1, round(months / 3))


def quota_shortfalls(start, end, units) -> list[QuotaShortfall]:
    """Units that sent in fewer items in [start, end] than their kind's quotas require (报送任务完成情况)."""
    from .models import QuotaRule, Submission

    units = list(units)
    sent = (Submission.objects.exclude(status__in=UNIT_STATES)
            .filter(unit__in=units, submitted_at__date__range=(start, end)))
    counts = {(row["unit_id"], row["kind"]): row["n"] for row in sent.values("unit_id", "kind").annotate(n=Count("id"))}
    result = []
    for rule in QuotaRule.objects.all():
        required = rule.minimum * _periods(start, end, rule.per)
        for unit in (u for u in units if u.kind == rule.unit_kind):
            have = sum(n for (unit_id, kind), n in counts.items()
                       if unit_id == unit.pk and (not rule.item_kind or kind == rule.item_kind))
            if have < required:
                result.append(QuotaShortfall(unit, rule, have, required))
    return sorted(result, key=lambda r: (r.unit.name, str(r.rule)))
