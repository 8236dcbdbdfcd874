"""Incident API: the signed intake for external systems, and the incidents and reports for the desk."""

from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from countydesk.base.api import ErrorOut, NumberedPagination, rows_for
from countydesk.base.errors import NotFound, ValidationFailed
from countydesk.core import records
from countydesk.orgs.choices import UnitKind
from countydesk.orgs.models import Unit
from countydesk.core.ui.times import moment

from . import inbox, services
from .access import incidents_for
from .choices import OPEN_STATUSES
from .choices import Status as IncidentStatus
from .flows import INCIDENT_FLOW, REPORT_FLOW
from .models import Report
from .schemas import (FiguresIn, IncidentOut, IncidentPatch, IntakeOut, MergeIn, NoteIn, ReportIn, ReportOut,
                      SplitIn)

router = Router(tags=["incidents"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut, 422: ErrorOut}


@router.post("/intake/{channel}", auth=None, response={200: IntakeOut, 201: IntakeOut, **ERRORS})
def receive_intake(request, channel: str):
    """Signed intake from an external system (110, 119, 120, flood, forest fire, e-government, sensors).

    Headers X-CountyDesk-Client, X-CountyDesk-Timestamp (unix seconds, ±5 min) and X-CountyDesk-Signature:
    sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">. 201 once the intake is stored (state "received":
    it is joined to its incident moments later; "joined" when that already happened); a repeated external_id
    answers 200 with the first intake as it stands. `countydesk serve` answers this route in incidents.front.
    """
    status, body = inbox.receive(channel, request.META, lambda: request.body)
    return Status(status, body)


def _incident(request, pk: int):
    incident = incidents_for(request.user).filter(pk=pk).first()
    if incident is None:
        raise NotFound(_("No such incident."))
    return incident


@router.get("/incidents", response={200: list[IncidentOut], **ERRORS})
@paginate(NumberedPagination)
def list_incidents(request, status: IncidentStatus | None = None):
    incidents = incidents_for(request.user)
    return rows_for(incidents.filter(status=status) if status else incidents, IncidentOut)


@router.get("/geo/incidents", response={200: dict, **ERRORS})
def geo_incidents(request):
    """The open incidents the reader may see (desk roles all, township roles their own) as a GeoJSON layer."""
    incidents = incidents_for(request.user).filter(status__in=OPEN_STATUSES).select_related("township")
    return records.geojson_layer(incidents, incident_properties)


def incident_properties(incident) -> dict:
    occurred = incident.occurred_at or incident.received_at
    return {"name": f"{incident.number} {incident.title}", "kind": incident.get_type_code_display(),
            "level_label": incident.get_grade_display(), "status_label": incident.get_status_display(),
            "unit": incident.township.name if incident.township else "", "address": incident.address,
            "occurred": moment(occurred), "deaths": incident.deaths,
            "url": f"/incidents/{incident.pk}/"}


@router.get("/incidents/{pk}", response={200: IncidentOut, **ERRORS})
def get_incident(request, pk: int):
    return _incident(request, pk)


@router.patch("/incidents/{pk}", response={200: IncidentOut, **ERRORS})
def update_incident(request, pk: int, payload: IncidentPatch):
    changes = payload.dict(exclude_unset=True)
    if "township_id" in changes:
        changes["township"] = _township(changes.pop("township_id"))
    return services.do_update_incident(request.user, _incident(request, pk), **changes)


def _township(unit_id):
    if unit_id is None:
        return None
    unit = Unit.objects.filter(pk=unit_id, kind=UnitKind.TOWNSHIP).first()
    if unit is None:
        raise ValidationFailed(_("Unknown township."), fields={"township_id": [_("Unknown township.")]})
    return unit


@router.put("/incidents/{pk}/figures", response={200: IncidentOut, **ERRORS})
def update_figures(request, pk: int, payload: FiguresIn):
    return services.do_update_figures(request.user, _incident(request, pk), **payload.dict())


@router.post("/incidents/{pk}/merge", response={200: IncidentOut, **ERRORS})
def merge_incidents(request, pk: int, payload: MergeIn):
    others = [_incident(request, other) for other in payload.incident_ids]
    return services.do_merge_incidents(request.user, _incident(request, pk), others)


@router.post("/incidents/{pk}/split", response={201: IncidentOut, **ERRORS})
def split_incident(request, pk: int, payload: SplitIn):
    return Status(201, services.do_split_intakes(request.user, _incident(request, pk), payload.intake_ids))


@router.post("/incidents/{pk}/phone-report", response={200: IncidentOut, **ERRORS})
def phone_report(request, pk: int):
    return services.do_record_phone_report(request.user, _incident(request, pk))


@router.post("/incidents/{pk}/reports", response={201: ReportOut, **ERRORS})
def draft_report(request, pk: int, payload: ReportIn):
    return Status(201, services.do_draft_report(request.user, _incident(request, pk), payload.kind))


def _report(request, pk: int) -> Report:
    report = Report.objects.select_related("incident", "unit").filter(
        pk=pk, incident__in=incidents_for(request.user)).first()
    if report is None:
        raise NotFound(_("No such report."))
    return report


@router.post("/reports/{pk}/{action}", response={200: ReportOut, **ERRORS})
def report_action(request, pk: int, action: str):
    """sign (unit head's sign-off), send (through the outbox), return (back to draft)."""
    if action not in REPORT_FLOW.actions():
        raise NotFound(_("Unknown action."))
    return REPORT_FLOW.run(action, request.user, _report(request, pk))


@router.post("/incidents/{pk}/{action}", response={200: IncidentOut, **ERRORS})
def transition_incident(request, pk: int, action: str, payload: NoteIn):
    """verify (核实), respond (处置中), close (已结束); 409 names the allowed states. 已评估 comes with the
    evaluation (POST /api/command/evaluations/{incident_id})."""
    if action not in INCIDENT_FLOW.actions():
        raise NotFound(_("Unknown action."))
    return INCIDENT_FLOW.run(action, request.user, _incident(request, pk), payload.note)
