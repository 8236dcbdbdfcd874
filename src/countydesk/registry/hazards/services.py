"""Every change to hazard sources, inspections and hidden dangers: audited, in a transaction, by role and unit."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from countydesk.audit.services import record
from countydesk.base.errors import TransitionNotAllowed
from countydesk.core import records
from countydesk.search.services import index_document

from .choices import DangerStatus
from .models import TRANSITIONS, UNRESOLVED, Hazard, HiddenDanger, Inspection
from .rules import rectification_days


def index_hazard(hazard: Hazard):
    body = "　".join(filter(None, [hazard.get_kind_display(), hazard.get_level_display(), hazard.unit.name,
                                   hazard.address, hazard.monitoring]))
    index_document("hazard", hazard.pk, hazard.name, body, unit=hazard.unit, url=f"/hazards/{hazard.pk}/")


def reindex_hazards() -> int:
    hazards = list(Hazard.objects.select_related("unit"))
    for hazard in hazards:
        index_hazard(hazard)
    return len(hazards)


HAZARD = records.Kind("hazards", "hazard", frozenset({"name", "kind", "level", "unit", "monitoring", "address", "lat",
                                                  "lon"}), lambda h: h.unit, index_hazard)
INSPECTION = records.Kind("hazards", "inspection", frozenset({"hazard", "date", "inspector", "findings"}),
                      lambda i: i.hazard.unit)
DANGER = records.Kind("hazards", "hidden_danger", frozenset({"hazard", "description", "level", "found_on", "deadline",
                                                         "measures"}), lambda d: d.hazard.unit)


def do_create_hazard(actor, **fields) -> Hazard:
    return records.create(actor, HAZARD, Hazard, fields)


def do_update_hazard(actor, hazard: Hazard, **changes) -> Hazard:
    return records.update(actor, HAZARD, hazard, changes)


def do_record_inspection(actor, **fields) -> Inspection:
    return records.create(actor, INSPECTION, Inspection, fields)


def do_report_danger(actor, **fields) -> HiddenDanger:
    """A hidden danger found; without a deadline it gets the rule's days for its level."""
    fields.setdefault("found_on", timezone.localdate())
    if not fields.get("deadline") and fields.get("level"):
        fields["deadline"] = fields["found_on"] + timedelta(days=rectification_days(fields["level"]))
    return records.create(actor, DANGER, HiddenDanger, fields)


@transaction.atomic
def _transition(actor, danger: HiddenDanger, to: str, **changes) -> HiddenDanger:
    danger = HiddenDanger.objects.select_for_update().select_related("hazard__unit").get(pk=danger.pk)
    records.require_manage(actor, danger.hazard.unit, "hazards")
    allowed = TRANSITIONS[danger.status]
    if to not in allowed:
        raise TransitionNotAllowed(danger.status, to, allowed)
    before = {"status": danger.status, "closed_on": danger.closed_on, "measures": danger.measures}
    danger.status = to
    for name, value in changes.items():
        setattr(danger, name, value)
    danger.save()
    after = {"status": to, "closed_on": danger.closed_on, "measures": danger.measures}
    record(actor, f"hidden_danger.{to}", danger, before=records.jsonable(before), after=records.jsonable(after),
           unit=danger.hazard.unit)
    return danger


def do_start_rectification(actor, danger, measures: str = ""):
    return _transition(actor, danger, DangerStatus.RECTIFYING, **({"measures": measures} if measures else {}))


def do_close_danger(actor, danger):
    return _transition(actor, danger, DangerStatus.CLOSED, closed_on=timezone.localdate())


def do_verify_danger(actor, danger):
    return _transition(actor, danger, DangerStatus.VERIFIED)


def do_reopen_danger(actor, danger):
    """Verification failed: back to rectification."""
    return _transition(actor, danger, DangerStatus.RECTIFYING, closed_on=None)


TRANSITION_SERVICES = {
    DangerStatus.RECTIFYING: do_start_rectification,
    DangerStatus.CLOSED: do_close_danger,
    DangerStatus.VERIFIED: do_verify_danger,
}


def do_move_danger(actor, danger, to: str):
    """Dispatch a requested next state to its service (closed → rectifying is a reopening)."""
    if danger.status == DangerStatus.CLOSED and to == DangerStatus.RECTIFYING:
        return do_reopen_danger(actor, danger)
    service = TRANSITION_SERVICES.get(to)
    if service is None:
        raise TransitionNotAllowed(danger.status, to, TRANSITIONS[danger.status])
    return service(actor, danger)


def overdue_dangers(on=None):
    """Unresolved hidden dangers past their rectification deadline."""
    on = on or timezone.localdate()
    return HiddenDanger.objects.filter(status__in=UNRESOLVED, deadline__lt=on).select_related("hazard__unit")
