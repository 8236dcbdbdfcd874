"""Recording adoptions and leader instructions, and the monthly ranking of units (A11)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.audit.services import record, snapshot
from countydesk.base.errors import Conflict
from countydesk.base.services import validated_save

from ..choices import UNIT_STATES, CommissionStatus
from ..models import Adoption, Commission
from ..rules import highest_adoption_only, missed_commission_points


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


def ranking(start: date, end: date, units) -> list[RankRow]:
    """Points per unit for adoptions dated in [start, end] and commissions missed by then, best first."""
    rows = {u.pk: RankRow(u.pk, u.name) for u in units}
    per_item: dict[int, list[int]] = defaultdict(list)
    unit_of: dict[int, int] = {}
    adoptions = Adoption.objects.filter(on__range=(start, end), submission__unit__in=rows)
    for submission_id, unit_id, points in adoptions.values_list("submission_id", "submission__unit_id", "points"):
        per_item[submission_id].append(points)
        unit_of[submission_id] = unit_id
    highest = highest_adoption_only()
    for submission_id, points in per_item.items():
        row = rows[unit_of[submission_id]]
        row.points += max(points) if highest else sum(points)
        row.adopted += 1
    penalty = missed_commission_points()
    for commission in Commission.objects.filter(deadline__range=(start, end), unit__in=rows).exclude(
            status=CommissionStatus.CANCELLED).select_related("topic"):
        if commission.late:
            rows[commission.unit_id].points += penalty
            rows[commission.unit_id].deductions.append(commission.topic.title)
    return sorted(rows.values(), key=lambda r: (-r.points, r.unit))
