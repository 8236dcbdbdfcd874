"""API of emergency responses (应急响应): /api/command/responses — list (scoped by role), get, the suggestions
for an incident, activate, change the level, terminate."""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from countydesk.accounts.scoping import require
from countydesk.base.api import ErrorOut, MappedRows, NumberedPagination, Row
from countydesk.base.errors import NotFound, ValidationFailed
from countydesk.incidents.access import incidents_for
from countydesk.registry.plans.applicability import suggest
from countydesk.registry.plans.choices import ResponseLevel
from countydesk.registry.plans.services import visible_plans

from ..models.responses import Response, ResponseStatus
from ..services import responses as services

# Its own router, added to the command router by the package (a `from . import router` here would be an import
# circle, which tests/core/test_layers.py refuses).
router = Router(tags=["command"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
PREFIX = "/command/responses"


class LevelChangeOut(Row):
    level_from: str
    level_to: str
    reason: str
    changed_at: datetime
    changed_by: str


class ResponseOut(Row):
    id: int
    incident_id: int
    incident_title: str
    plan_id: int
    plan_title: str
    level: str
    level_label: str
    suggested_level: str
    status: str
    reason: str
    activated_at: datetime
    activated_by: str
    terminated_at: datetime | None
    terminated_by: str | None
    termination_reason: str
    level_changes: list[LevelChangeOut]
    allowed_next: list[str]


class SuggestionOut(Row):
    plan_id: int
    plan_title: str
    level: str
    level_label: str
    trigger: str
    reason: str


class ActivateIn(Schema):
    incident_id: int
    plan_id: int
    level: ResponseLevel
    reason: str = Field("", max_length=2000)


class LevelIn(Schema):
    level: ResponseLevel
    reason: str = Field(..., min_length=1, max_length=2000)


class TerminateIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


class ResponseFilter(Schema):
    incident_id: int | None = None
    status: ResponseStatus | None = None


def response_out(r: Response) -> ResponseOut:
    return ResponseOut(
        id=r.pk, incident_id=r.incident_id, incident_title=r.incident.title, plan_id=r.plan_id, plan_title=r.plan.title,
        level=r.level, level_label=r.get_level_display(), suggested_level=r.suggested_level, status=r.status,
        reason=r.reason, activated_at=r.activated_at, activated_by=r.activated_by.username,
        terminated_at=r.terminated_at, terminated_by=r.terminated_by.username if r.terminated_by_id else None,
        termination_reason=r.termination_reason,
        level_changes=[LevelChangeOut(level_from=c.level_from, level_to=c.level_to, reason=c.reason,
                                      changed_at=c.changed_at, changed_by=c.changed_by.username)
                       for c in r.level_changes.all()],
        allowed_next=sorted(services.FLOW.allowed(r)))


def _queryset(user):
    return services.visible_responses(user, Response.objects.select_related(
        "incident", "plan", "activated_by", "terminated_by").prefetch_related("level_changes__changed_by"))


def _response(request, pk: int) -> Response:
    response = _queryset(request.user).filter(pk=pk).first()
    if response is None:
        raise NotFound(_("No such record."))
    return response


def _incident(request, pk: int, field: str | None = None):
    incident = incidents_for(request.user).filter(pk=pk).first()
    if incident is None:
        if field:
            raise ValidationFailed(_("Unknown incident."), fields={field: [_("Unknown incident.")]})
        raise NotFound(_("No such incident."))
    return incident


@router.get(PREFIX, response={200: list[ResponseOut], **ERRORS})
@paginate(NumberedPagination)
def list_responses(request, filters: Query[ResponseFilter]):
    """The responses the caller may see: county-wide roles all, a township those of its incidents."""
    queryset = _queryset(request.user)
    if filters.incident_id:
        queryset = queryset.filter(incident_id=filters.incident_id)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return MappedRows(queryset, response_out)


@router.get(PREFIX + "/suggestions/{int:incident_id}", response={200: list[SuggestionOut], **ERRORS})
def suggestions(request, incident_id: int):
    """The plans that apply to the incident and the level, with the reason (预案适用性研判)."""
    require(request.user, "command.view")
    return [SuggestionOut(plan_id=s.plan.pk, plan_title=s.plan.title, level=s.level, level_label=s.level_label,
                          trigger=s.trigger, reason=s.reason) for s in suggest(_incident(request, incident_id))]


@router.get(PREFIX + "/{int:pk}", response={200: ResponseOut, **ERRORS})
def get_response(request, pk: int):
    return response_out(_response(request, pk))


@router.post(PREFIX, response={201: ResponseOut, **ERRORS})
def activate(request, payload: ActivateIn):
    """启动响应. A role that may not activate: 403, and the attempt is audited."""
    services.refuse_activation(request.user, payload.incident_id)  # 403, audited, before anything is looked up
    incident = _incident(request, payload.incident_id, "incident_id")
    plan = visible_plans(request.user).filter(pk=payload.plan_id).first()
    if plan is None:
        raise ValidationFailed(_("Unknown plan."), fields={"plan_id": [_("Unknown plan.")]})
    response = services.do_activate_response(request.user, incident, plan, payload.level, payload.reason)
    return Status(201, response_out(_response(request, response.pk)))


@router.post(PREFIX + "/{int:pk}/level", response={200: ResponseOut, **ERRORS})
def change_level(request, pk: int, payload: LevelIn):
    services.do_change_response_level(request.user, _response(request, pk), payload.level, payload.reason)
    return response_out(_response(request, pk))


@router.post(PREFIX + "/{int:pk}/terminate", response={200: ResponseOut, **ERRORS})
def terminate(request, pk: int, payload: TerminateIn):
    services.do_terminate_response(request.user, _response(request, pk), payload.reason)
    return response_out(_response(request, pk))
