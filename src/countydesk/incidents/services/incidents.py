"""Incidents: opening, the state machine, figures and grading, merge and split."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countydesk.accounts.scoping import require
from countydesk.audit.services import changed_fields, record, snapshot
from countydesk.base.errors import Conflict, ValidationFailed
from countydesk.base.services import apply_changes
from countydesk.core.taxonomy import EVENT_TYPES, category_of

from .. import rules
from ..choices import GRADE_NUMERALS, TYPE_BASIS_RANK, Status, TypeBasis
from ..flows import INCIDENT_FLOW
from ..models import Deadline, GradeChange, Incident, Intake
from .common import clean_save, timeline

FIGURES = ("deaths", "seriously_injured", "injured", "trapped", "missing", "direct_loss")
EDITABLE = {"title", "type_code", "township", "occurred_at", "lat", "lon", "address", "description"}


def incident_title(type_code: str, township_id, address: str, description: str = "", hint: str = "") -> str:
    """Place and type as a duty officer says them ("青山镇枫林村 森林(草原)火灾"): the township and the village the
    address names, else the address; never coordinates."""
    what = EVENT_TYPES[type_code].name if type_code in EVENT_TYPES else (hint or _("Incident (to classify)"))
    where = rules.place_name(township_id, f"{address} {description}") or address
    return f"{where} {what}".strip()[:200]


def _auto_title(incident: Incident) -> str:
    return incident_title(incident.type_code, incident.township_id, incident.address, incident.description)


def open_incident(actor, intake: Intake, data) -> Incident:
    """A new incident from its first intake, graded, with its report deadlines (audited with that intake)."""
    incident = Incident(
        title=incident_title(intake.type_code, intake.township_id, data.address, data.description, data.category_hint),
        type_code=intake.type_code, type_basis=intake.type_basis, type_evidence=intake.type_evidence,
        category=category_of(intake.type_code),
        township_id=intake.township_id, occurred_at=data.occurred_at, received_at=data.received_at,
        lat=data.lat, lon=data.lon, address=data.address, description=data.description,
        **{f: getattr(data, f) for f in FIGURES},
    )
    incident.grade = _grade(incident)
    clean_save(incident)
    GradeChange.objects.create(incident=incident, grade_from=None, grade_to=incident.grade,
                               figures=_figures(incident), actor_name=getattr(actor, "username", ""))
    Deadline.objects.bulk_create([
        Deadline(incident=incident, kind=kind, due_at=due, warn_at=warn)
        for kind, (due, warn) in rules.report_deadlines(incident.grade, incident.received_at).items()
    ])
    timeline(incident, "open", _("Received via %(channel)s, grade %(grade)s")
             % {"channel": intake.get_channel_display(), "grade": incident.grade_numeral}, actor)
    timeline(incident, "type", type_note(incident), actor)
    return incident


def type_note(incident: Incident) -> str:
    """The timeline's line saying what the type is and what decided it."""
    if not incident.type_code:
        return _("Type not known: waiting for the duty officer to classify it")
    return _("Type %(type)s, decided by the %(basis)s (%(evidence)s)") % {
        "type": EVENT_TYPES[incident.type_code].name, "basis": TypeBasis(incident.type_basis).label,
        "evidence": incident.type_evidence or "—"}


def _grade(incident: Incident) -> int:
    return rules.grade_for(incident.category, incident.deaths, incident.seriously_injured, incident.direct_loss,
                           trapped=incident.trapped, missing=incident.missing)


def _figures(incident) -> dict:
    return {f: int(getattr(incident, f)) for f in FIGURES}


def _regrade(actor, incident: Incident):
    """Grade again from the current figures; a new grade is kept in the history and moves open deadlines."""
    grade = _grade(incident)
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
    """A later intake reporting higher figures raises the incident's figures (never lowers them); raised figures
    are a caller's again, unverified."""
    higher = {f: getattr(data, f) for f in FIGURES if getattr(data, f) > getattr(incident, f)}
    if higher:
        _set_figures(actor, incident, higher | {"figures_verified": False})


def _set_figures(actor, incident: Incident, figures: dict):
    before = snapshot(incident)
    apply_changes(incident, figures, {*FIGURES, "figures_verified"})
    clean_save(incident)
    timeline(incident, "figures", figures_text(incident), actor)
    old, new = changed_fields(before, snapshot(incident))
    record(actor, "incident.figures", incident, before=old, after=new)
    _regrade(actor, incident)


def figures_text(figures) -> str:
    """"死亡1人，被困5人，直接经济损失0元（来电人所述，未核实）" for an incident (or a figures dict)."""
    value = figures.get if isinstance(figures, dict) else lambda f, d=0: getattr(figures, f, d)
    parts = [label % {"n": value(f, 0)} for f, label in FIGURE_LABELS if value(f, 0)]
    text = "，".join(parts) or _("no casualties reported")
    if value("direct_loss", 0):
        text += _("; direct loss ¥%s") % value("direct_loss", 0)
    if not isinstance(figures, dict) and figures.figures_from_callers:
        text += _(" (as the callers said, not verified)")
    return text


FIGURE_LABELS = [("deaths", gettext_lazy("%(n)s dead")), ("missing", gettext_lazy("%(n)s missing")),
                 ("trapped", gettext_lazy("%(n)s trapped")),
                 ("seriously_injured", gettext_lazy("%(n)s seriously injured")),
                 ("injured", gettext_lazy("%(n)s injured"))]


@transaction.atomic
def do_update_figures(actor, incident: Incident, **figures) -> Incident:
    """Verified casualties and losses typed by the duty officer (may go down as well as up): they replace the
    callers' figures, and the grade follows."""
    require(actor, "incidents.handle")
    incident = _locked(incident)
    _set_figures(actor, incident, {f: figures.get(f, 0) for f in FIGURES} | {"figures_verified": True})
    return incident


def retype_from(actor, incident: Incident, intake: Intake):
    """A joining intake whose type was decided on stronger grounds (the calling system's category or the
    description's words, over a channel's default) gives the incident its type."""
    if not intake.type_code or intake.type_code == incident.type_code:
        return
    if TYPE_BASIS_RANK.index(intake.type_basis) >= TYPE_BASIS_RANK.index(incident.type_basis):
        return
    _set_type(actor, incident, intake.type_code, intake.type_basis, intake.type_evidence)


def _set_type(actor, incident: Incident, type_code: str, basis: str, evidence: str):
    before = snapshot(incident)
    retitle = incident.title == _auto_title(incident)
    incident.type_code, incident.type_basis, incident.type_evidence = type_code, basis, evidence[:200]
    incident.category = category_of(type_code)
    if retitle:
        incident.title = _auto_title(incident)
    clean_save(incident)
    timeline(incident, "type", type_note(incident), actor)
    old, new = changed_fields(before, snapshot(incident))
    record(actor, "incident.classify", incident, before=old, after=new)
    _regrade(actor, incident)


@transaction.atomic
def do_classify_incident(actor, incident: Incident, type_code: str) -> Incident:
    """The duty officer gives an incident its type (待分类 → classified, or a correction); the title follows
    unless someone wrote their own, and the grade is taken from the type's category's table."""
    require(actor, "incidents.handle")
    if type_code not in EVENT_TYPES:
        raise ValidationFailed(_("Choose an event type."), fields={"type_code": [_("Unknown type.")]})
    incident = _locked(incident)
    _set_type(actor, incident, type_code, TypeBasis.OFFICER, getattr(actor, "username", ""))
    return incident


@transaction.atomic
def do_update_incident(actor, incident: Incident, **changes) -> Incident:
    require(actor, "incidents.handle")
    incident = _locked(incident)
    before = snapshot(incident)
    apply_changes(incident, changes, EDITABLE)
    if "type_code" in changes and incident.type_code != before.get("type_code"):
        incident.type_basis, incident.type_evidence = TypeBasis.OFFICER, getattr(actor, "username", "")
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
    """An intake seen as the data of a new incident."""

    def __init__(self, intake: Intake):
        self.__dict__.update({f: getattr(intake, f) for f in ("occurred_at", "received_at", "lat", "lon", "address",
                                                              "description", "category_hint", *FIGURES)})
