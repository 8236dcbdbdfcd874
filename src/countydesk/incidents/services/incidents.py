"""Incidents: opening, the state machine, figures and grading, merge and split."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.audit.services import changed_fields, record, snapshot
from countydesk.base.errors import Conflict, ValidationFailed
from countydesk.base.services import apply_changes
from countydesk.core.taxonomy import EVENT_TYPES, category_of

from .. import rules
from ..choices import GRADE_NUMERALS, Status
from ..flows import INCIDENT_FLOW
from ..models import Deadline, GradeChange, Incident, Intake
from .common import clean_save, timeline

FIGURES = ("deaths", "seriously_injured", "direct_loss")
EDITABLE = {"title", "type_code", "township", "occurred_at", "lat", "lon", "address", "description"}


def _title(type_code: str, data) -> str:
    what = EVENT_TYPES[type_code].name if type_code in EVENT_TYPES else (data.category_hint or _("Incident"))
    where = data.address or (f"{data.lat:.4f},{data.lon:.4f}" if data.lat is not None else "")
    return f"{where} {what}".strip()[:200]


def open_incident(actor, intake: Intake, data) -> Incident:
    """A new incident from its first intake, graded, with its report deadlines (audited with that intake)."""
    incident = Incident(
        title=_title(intake.type_code, data), type_code=intake.type_code,
        category=category_of(intake.type_code),
        township_id=intake.township_id, occurred_at=data.occurred_at, received_at=data.received_at,
        lat=data.lat, lon=data.lon, address=data.address, description=data.description,
        **{f: getattr(data, f) for f in FIGURES},
    )
    incident.grade = rules.grade_for(incident.category, *(getattr(incident, f) for f in FIGURES))
    clean_save(incident)
    GradeChange.objects.create(incident=incident, grade_from=None, grade_to=incident.grade,
                               figures=_figures(incident), actor_name=getattr(actor, "username", ""))
    Deadline.objects.bulk_create([
        Deadline(incident=incident, kind=kind, due_at=due, warn_at=warn)
        for kind, (due, warn) in rules.report_deadlines(incident.grade, incident.received_at).items()
    ])
    timeline(incident, "open", _("Received via %(channel)s, grade %(grade)s")
             % {"channel": intake.get_channel_display(), "grade": incident.grade_numeral}, actor)
    return incident


def _figures(incident) -> dict:
    return {f: int(getattr(incident, f)) for f in FIGURES}


def _regrade(actor, incident: Incident):
    """Grade again from the current figures; a new grade is kept in the history and moves open deadlines."""
    grade = rules.grade_for(incident.category, *(getattr(incident, f) for f in FIGURES))
    if grade == incident.grade:
        return
    GradeChange.objects.create(incident=incident, grade_from=incident.grade, grade_to=grade,
                               figures=_figures(incident), actor_name=getattr(actor, "username", ""))
    timeline(incident, "grade", _("Grade %(old)s → %(new)s") % {"old": incident.grade_numeral,
                                                             "new": GRADE_NUMERALS[grade]}, actor)
    incident.grade = grade
    Incident.objects.filter(pk=incident.pk).update(grade=grade)
    _move_deadlines(incident)


def _move_deadlines(incident: Incident):
    for kind, (due, warn) in rules.report_deadlines(incident.grade, incident.received_at).items():
        Deadline.objects.filter(incident=incident, kind=kind, met_at__isnull=True).update(
            due_at=due, warn_at=warn, warned_at=None, overdue_notified_at=None)


def raise_figures(actor, incident: Incident, data):
    """A later intake reporting higher figures raises the incident's figures (never lowers them)."""
    higher = {f: getattr(data, f) for f in FIGURES if getattr(data, f) > getattr(incident, f)}
    if higher:
        _set_figures(actor, incident, higher)


def _set_figures(actor, incident: Incident, figures: dict):
    before = snapshot(incident)
    apply_changes(incident, figures, set(FIGURES))
    clean_save(incident)
    timeline(incident, "figures", _("Figures: %(deaths)s dead, %(injured)s seriously injured, loss ¥%(loss)s")
             % {"deaths": incident.deaths, "injured": incident.seriously_injured, "loss": incident.direct_loss}, actor)
    old, new = changed_fields(before, snapshot(incident))
    record(actor, "incident.figures", incident, before=old, after=new)
    _regrade(actor, incident)


@transaction.atomic
def do_update_figures(actor, incident: Incident, **figures) -> Incident:
    """Verified casualties and losses (may go down as well as up); the grade follows."""
    require(actor, "incidents.handle")
    incident = _locked(incident)
    _set_figures(actor, incident, figures)
    return incident


@transaction.atomic
def do_update_incident(actor, incident: Incident, **changes) -> Incident:
    require(actor, "incidents.handle")
    incident = _locked(incident)
    before = snapshot(incident)
    apply_changes(incident, changes, EDITABLE)
    incident.category = category_of(incident.type_code)
    clean_save(incident)
    old, new = changed_fields(before, snapshot(incident))
    timeline(incident, "edit", _("Changed: %s") % ", ".join(new), actor)
    record(actor, "incident.update", incident, before=old, after=new)
    _regrade(actor, incident)
    return incident


def _locked(incident: Incident) -> Incident:
    return Incident.objects.select_for_update().get(pk=incident.pk)


def _transition(actor, incident: Incident, name: str, note: str = "") -> Incident:
    target = INCIDENT_FLOW.transitions[name].target

    def on_timeline(locked):  # runs once the state is checked, while `locked` still has its old state
        timeline(locked, "status", f"{Status(locked.status).label} → {Status(target).label} {note}".strip(), actor)

    return INCIDENT_FLOW.take(actor, incident, name, audit={"note": note}, prepare=on_timeline)


@INCIDENT_FLOW.entry("verify")
@transaction.atomic
def do_verify_incident(actor, incident, note=""):
    return _transition(actor, incident, "verify", note)


@INCIDENT_FLOW.entry("respond")
@transaction.atomic
def do_respond_incident(actor, incident, note=""):
    return _transition(actor, incident, "respond", note)


@INCIDENT_FLOW.entry("close")
@transaction.atomic
def do_close_incident(actor, incident, note=""):
    return _transition(actor, incident, "close", note)


@INCIDENT_FLOW.entry("evaluate")
@transaction.atomic
def do_evaluate_incident(actor, incident, note=""):
    return _transition(actor, incident, "evaluate", note)


@transaction.atomic
def do_merge_incidents(actor, target: Incident, others: list[Incident]) -> Incident:
    """Join `others` into `target`: their intakes move, the highest figures count, they disappear from lists."""
    require(actor, "incidents.handle")
    target = _locked(target)
    for other in others:
        if other.pk == target.pk or other.merged_into_id:
            raise Conflict(_("Incident %s cannot be merged.") % other.number)
        if other.reports.exists():
            raise Conflict(_("Incident %s already has reports; merge the other way round.") % other.number)
        Intake.objects.filter(incident=other).update(incident=target)
        Incident.objects.filter(pk=other.pk).update(merged_into=target)
        other.deadlines.all().delete()
        timeline(other, "merged", _("Merged into %s") % target.number, actor)
        timeline(target, "merged", _("Incident %s merged in") % other.number, actor)
        record(actor, "incident.merge", target, after={"merged": other.pk})
        raise_figures(actor, target, other)
    return target


@transaction.atomic
def do_split_intakes(actor, incident: Incident, intake_ids: list[int]) -> Incident:
    """Take the given intakes out of `incident` into a new incident of their own."""
    require(actor, "incidents.handle")
    intakes = list(Intake.objects.filter(incident=incident, pk__in=intake_ids).order_by("received_at"))
    if not intakes or len(intakes) != len(set(intake_ids)):
        raise ValidationFailed(_("Choose intakes of this incident."), fields={"intakes": [_("Unknown intake.")]})
    if len(intakes) == incident.intakes.count():
        raise Conflict(_("An incident keeps at least one intake."))
    first = intakes[0]
    new = open_incident(actor, first, _IntakeFigures(first))
    Intake.objects.filter(pk__in=[i.pk for i in intakes]).update(incident=new)
    timeline(incident, "split", _("%(n)s intakes split off into %(number)s") % {"n": len(intakes), "number": new.number},
             actor)
    record(actor, "incident.split", incident, after={"new": new.pk, "intakes": [i.pk for i in intakes]})
    record(actor, "incident.open", new, after=snapshot(new))
    return new


class _IntakeFigures:
    """An intake seen as the data of a new incident (figures come from its raw payload)."""

    def __init__(self, intake: Intake):
        self.__dict__.update({f: getattr(intake, f) for f in ("occurred_at", "received_at", "lat", "lon", "address",
                                                              "description", "category_hint")})
        self.deaths = int(intake.raw.get("deaths") or 0)
        self.seriously_injured = int(intake.raw.get("seriously_injured") or 0)
        self.direct_loss = Decimal(str(intake.raw.get("direct_loss") or 0))
