"""Recording adoptions and leader instructions, and the monthly ranking of units (A11)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.audit.services import record, snapshot
from countydesk.base.errors import Conflict
from countydesk.base.services import validated_save

from ..choices import UNIT_STATES, CommissionStatus
from ..models import Adoption, Commission, ScoreRule
from ..rules import highest_adoption_only, missed_commission_points, missed_commissions_zeroing_year


@transaction.atomic
def do_record_adoption(actor, submission, rule, on: date, note: str = "") -> Adoption:
    require(actor, "info.edit")
    if submission.status in UNIT_STATES:
        raise Conflict(_("Only submitted items can be adopted."))
    if Adoption.objects.filter(submission=submission, rule=rule).exists():
        raise Conflict(_("This adoption is already recorded."))
    adoption = validated_save(Adoption(submission=submission, rule=rule, points=rule.points, on=on, note=note,
                                       recorded_by=actor if getattr(actor, "pk", None) else None))
    record(actor, "adoption.record", adoption, after=snapshot(adoption), unit=submission.unit)
    return adoption


@dataclass
class RankRow:
    unit_id: int
    unit: str
    points: int = 0
    adopted: int = 0
    deductions: list[str] = field(default_factory=list)
    zeroed: bool = False


def item_points(scored: list[tuple[str, int]], highest: bool) -> int:
    """An item's points (单条信息得分) from its (rule category, points): with "highest only" the adoptions by
    periodicals count at their highest value; leader instructions and deductions always add."""
    adoptions = [points for category, points in scored if category == ScoreRule.Category.ADOPTION]
    others = sum(points for category, points in scored if category != ScoreRule.Category.ADOPTION)
    return (max(adoptions, default=0) if highest else sum(adoptions)) + others


def _add_adoptions(rows: dict[int, RankRow], start: date, end: date) -> None:
    per_item: dict[int, list[tuple[str, int]]] = defaultdict(list)
    unit_of: dict[int, int] = {}
    adoptions = Adoption.objects.filter(on__range=(start, end), submission__unit__in=rows)
    for submission_id, unit_id, category, points in adoptions.values_list(
            "submission_id", "submission__unit_id", "rule__category", "points"):
        per_item[submission_id].append((category, points))
        unit_of[submission_id] = unit_id
    highest = highest_adoption_only()
    for submission_id, scored in per_item.items():
        row = rows[unit_of[submission_id]]
        row.points += item_points(scored, highest)
        row.adopted += any(category == ScoreRule.Category.ADOPTION for category, _ in scored)


def _missed(units, start: date, end: date) -> list[Commission]:
    commissions = Commission.objects.filter(deadline__range=(start, end), unit__in=units).exclude(
        status=CommissionStatus.CANCELLED).select_related("topic")
    return [c for c in commissions if c.late]


def _zero_years(rows: dict[int, RankRow], end: date) -> None:
    """Units that missed the rule's number of commissions this year score nothing for it (全年不得分)."""
    limit = missed_commissions_zeroing_year()
    if not limit:
        return
    misses = Counter(c.unit_id for c in _missed(rows, date(end.year, 1, 1), end))
    for unit_id, row in rows.items():
        if misses[unit_id] >= limit:
            row.points, row.zeroed = 0, True


def ranking(start: date, end: date, units) -> list[RankRow]:
    """Points per unit for adoptions dated in [start, end] and commissions missed by then, best first."""
    rows = {u.pk: RankRow(u.pk, u.name) for u in units}
    _add_adoptions(rows, start, end)
    penalty = missed_commission_points()
    for commission in _missed(rows, start, end):
        rows[commission.unit_id].points += penalty
        rows[commission.unit_id].deductions.append(commission.topic.title)
    _zero_years(rows, end)
    return sorted(rows.values(), key=lambda r: (-r.points, r.unit))
