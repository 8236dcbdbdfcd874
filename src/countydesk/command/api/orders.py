"""Dispatch orders in the API (/api/command/orders): list, read, issue, and their transitions by name."""

from datetime import datetime
from typing import Annotated

from django.db.models import F
from django.utils.translation import gettext as _
from ninja import Field, FilterSchema, Query, Router, Schema, Status
from ninja.filter_schema import FilterLookup
from ninja.pagination import paginate

from countydesk.accounts.scoping import require
from countydesk.base.api import ErrorOut, NumberedPagination, Row, rows_for
from countydesk.base.errors import NotFound, ValidationFailed
from countydesk.registry.teams.models import Expert, Team

from ..flows.orders import ORDER_FLOW
from ..models.orders import DispatchOrder, OrderStatus
from ..services import orders as services

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
PREFIX = "/command/orders"
# Mounted on the command router by api/__init__.py (importing that package from here would be a cycle).
router = Router(tags=["command"])


class DispatchOrderOut(Row):
    id: int
    incident_id: int
    team_id: int
    team_name: str
    status: OrderStatus
    task: str
    destination: str
    lat: float | None
    lon: float | None
    issued_at: datetime
    acknowledged_at: datetime | None
    departed_at: datetime | None
    on_scene_at: datetime | None
    completed_at: datetime | None
    ended_at: datetime | None
    reason: str
    escalated_at: datetime | None


class DispatchOrderDetailOut(DispatchOrderOut):
    expert_ids: list[int]
    allowed: list[str]  # the states the order may go to next


class DispatchOrderFilter(FilterSchema):
    incident: Annotated[int | None, FilterLookup("incident_id")] = None
    team: Annotated[int | None, FilterLookup("team_id")] = None
    status: OrderStatus | None = None


class DispatchOrderIn(Schema):
    incident_id: int
    team_id: int
    task: str = Field(..., min_length=1, max_length=2000)
    expert_ids: list[int] = Field(default_factory=list, max_length=50)
    destination: str = Field("", max_length=300)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)


class DispatchOrderActionIn(Schema):
    reason: str = Field("", max_length=300)


def _visible(request):
    require(request.user, "command.view")
    return services.orders_for(request.user).annotate(team_name=F("team__name"))


def _order(request, pk: int) -> DispatchOrder:
    order = _visible(request).filter(pk=pk).first()
    if order is None:
        raise NotFound(_("No such record."))
    return order


def _detail(order: DispatchOrder) -> dict:
    row = {name: getattr(order, name) for name in DispatchOrderOut.model_fields if name != "team_name"}
    return row | {"team_name": order.team.name, "expert_ids": sorted(e.pk for e in order.experts.all()),
                  "allowed": sorted(ORDER_FLOW.allowed(order))}


@router.get(PREFIX, response={200: list[DispatchOrderOut], **ERRORS})
@paginate(NumberedPagination)
def list_orders(request, filters: Query[DispatchOrderFilter]):
    """The orders the caller may see: all for the office, a team leader's own teams', a township's incidents'."""
    return rows_for(filters.filter(_visible(request)), DispatchOrderOut)


@router.get(PREFIX + "/{pk}", response={200: DispatchOrderDetailOut, **ERRORS})
def get_order(request, pk: int):
    return _detail(_order(request, pk))


def _ref(queryset, pk: int, field: str):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise ValidationFailed(_("Unknown %s.") % field, fields={field: [_("No such record.")]})
    return obj


@router.post(PREFIX, response={201: DispatchOrderDetailOut, **ERRORS})
def issue_order(request, payload: DispatchOrderIn):
    """Issue a dispatch order (下达调度令): a team not ready or already on another open order is refused (422,
    naming that order)."""
    require(request.user, "command.dispatch")
    incident = _ref(services.command_incidents_for(request.user), payload.incident_id, "incident_id")
    team = _ref(Team.objects.all(), payload.team_id, "team_id")
    experts = list(Expert.objects.filter(pk__in=payload.expert_ids))
    if len(experts) != len(set(payload.expert_ids)):
        raise ValidationFailed(_("Unknown expert_ids."), fields={"expert_ids": [_("No such record.")]})
    order = services.do_issue_order(request.user, incident, team, payload.task, experts, payload.destination,
                                    payload.lat, payload.lon)
    return Status(201, _detail(order))


@router.post(PREFIX + "/{pk}/{action}", response={200: DispatchOrderDetailOut, **ERRORS})
def order_action(request, pk: int, action: str, payload: DispatchOrderActionIn):
    """Take a transition by name: acknowledge, depart, arrive, complete, decline (reason), cancel (reason). A wrong
    state answers 409 naming the allowed next states."""
    order = ORDER_FLOW.run(action, request.user, _order(request, pk), payload.reason)
    return _detail(order)
