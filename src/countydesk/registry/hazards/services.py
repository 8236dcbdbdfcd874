"""Every change to hazard sources, inspections and hidden dangers: audited, in a transaction, by role and unit."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from countydesk.core import records
from countydesk.search.services import index_document

from .flows import DANGER_FLOW
from .models import UNRESOLVED, Hazard, HiddenDanger, Inspection
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


def _transition(actor, danger: HiddenDanger, name: str, **changes) -> HiddenDanger:
    """Audited with the closing date and the measures before and after."""
    return DANGER_FLOW.take(actor, danger, name, changes=changes, track=("closed_on", "measures"))


@DANGER_FLOW.entry("rectify")
@transaction.atomic
def do_start_rectification(actor, danger, measures: str = ""):
    return _transition(actor, danger, "rectify", **({"measures": measures} if measures else {}))


@DANGER_FLOW.entry("close")
@transaction.atomic
def do_close_danger(actor, danger):
    return _transition(actor, danger, "close", closed_on=timezone.localdate())


@DANGER_FLOW.entry("verify")
@transaction.atomic
def do_verify_danger(actor, danger):
    return _transition(actor, danger, "verify")


@DANGER_FLOW.entry("reopen")
@transaction.atomic
def do_reopen_danger(actor, danger):
    """Verification failed: back to rectification."""
    return _transition(actor, danger, "reopen", closed_on=None)


@transaction.atomic
def do_move_danger(actor, danger, to: str):
    """Take the transition towards a requested next state (closed → rectifying is a reopening)."""
    danger.refresh_from_db(fields=["status"])
    return DANGER_FLOW.run(DANGER_FLOW.towards(danger, to).name, actor, danger)


def overdue_dangers(on=None):
    """Unresolved hidden dangers past their rectification deadline."""
    on = on or timezone.localdate()
    return HiddenDanger.objects.filter(status__in=UNRESOLVED, deadline__lt=on).select_related("hazard__unit")
