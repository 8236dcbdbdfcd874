"""The API of allocations (/api/command/allocations) and requisitions (/api/command/requisitions): thin, reading
through the command scope and writing through the services."""

from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from countydesk.base.api import ErrorOut, NumberedPagination, Row, rows_for
from countydesk.base.errors import NotFound, ValidationFailed
from countydesk.registry.supplies.models import Depot, Item

from ..models import Allocation, AllocationStatus
from ..services import allocations as services
from ..services.reach import allocations_for, visible_incidents
from ..services.stock_flows import ALLOCATION_FLOW
from . import router

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
QTY = {"gt": 0, "max_digits": 14, "decimal_places": 3}


class AllocationLineOut(Row):
    item_id: int
    item_name: str
    unit_of_measure: str
    reserved: Decimal
    shipped: Decimal
    delivered: Decimal
    returned: Decimal


class AllocationRowOut(Row):
    id: int
    incident_id: int
    depot_id: int
    status: AllocationStatus
    destination: str
    note: str
    created_at: datetime
    shipped_at: datetime | None
    delivered_at: datetime | None
    closed_at: datetime | None


class AllocationOut(AllocationRowOut):
    depot_name: str
    lines: list[AllocationLineOut]
    allowed: list[str]


class LineIn(Schema):
    item_id: int
    quantity: Decimal = Field(..., **QTY)


class AllocationIn(Schema):
    incident_id: int
    depot_id: int
    lines: list[LineIn] = Field(..., min_length=1, max_length=100)
    destination: str = Field("", max_length=200)
    note: str = Field("", max_length=200)


class QuantityIn(Schema):
    item_id: int
    quantity: Decimal = Field(..., ge=0, max_digits=14, decimal_places=3)


class QuantitiesIn(Schema):
    lines: list[QuantityIn] | None = Field(None, max_length=100)


class ActionIn(Schema):
    action: str = Field(..., max_length=30)


def _ref(queryset, pk: int, field: str):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise ValidationFailed(_("Unknown id %s.") % pk, fields={field: [_("Unknown id.")]})
    return obj


def _allocation(request, allocation_id: int) -> Allocation:
    allocation = allocations_for(request.user).filter(pk=allocation_id).first()
    if allocation is None:
        raise NotFound(_("No such record."))
    return allocation


def allocation_out(allocation: Allocation) -> dict:
    lines = [AllocationLineOut(item_id=line.item_id, item_name=line.item.name,
                               unit_of_measure=line.item.unit_of_measure, reserved=line.reserved,
                               shipped=line.shipped, delivered=line.delivered, returned=line.returned)
             for line in allocation.lines.select_related("item")]
    row = AllocationRowOut.model_validate(allocation).model_dump()
    return row | {"depot_name": allocation.depot.name, "lines": lines,
                  "allowed": sorted(ALLOCATION_FLOW.allowed(allocation))}


def _quantities(payload: QuantitiesIn | None):
    if payload is None or payload.lines is None:
        return None
    return {line.item_id: line.quantity for line in payload.lines}


@router.get("/command/allocations", response={200: list[AllocationRowOut], **ERRORS})
@paginate(NumberedPagination)
def list_allocations(request, incident_id: int | None = None, status: AllocationStatus | None = None):
    rows = allocations_for(request.user)
    if incident_id:
        rows = rows.filter(incident_id=incident_id)
    if status:
        rows = rows.filter(status=status)
    return rows_for(rows, AllocationRowOut)


@router.post("/command/allocations", response={201: AllocationOut, **ERRORS})
def create_allocation(request, payload: AllocationIn):
    """Reserve supplies of one depot for an incident's scene; more than the free balance is a 422."""
    incident = _ref(visible_incidents(request.user), payload.incident_id, "incident_id")
    depot = _ref(Depot.objects.select_related("unit"), payload.depot_id, "depot_id")
    lines = [(_ref(Item.objects, line.item_id, f"lines.{n}.item_id"), line.quantity)
             for n, line in enumerate(payload.lines)]
    allocation = services.do_allocate(request.user, incident, depot, lines, payload.destination, payload.note)
    return Status(201, allocation_out(allocation))


@router.get("/command/allocations/{allocation_id}", response={200: AllocationOut, **ERRORS})
def get_allocation(request, allocation_id: int):
    return allocation_out(_allocation(request, allocation_id))


@router.post("/command/allocations/{allocation_id}/actions", response={200: AllocationOut, **ERRORS})
def act_on_allocation(request, allocation_id: int, payload: ActionIn):
    """ship, deliver (everything in transit) or cancel; a wrong state answers 409 naming the allowed ones."""
    allocation = _allocation(request, allocation_id)
    return allocation_out(ALLOCATION_FLOW.run(payload.action, request.user, allocation))


@router.post("/command/allocations/{allocation_id}/deliveries", response={200: AllocationOut, **ERRORS})
def deliver_allocation(request, allocation_id: int, payload: QuantitiesIn):
    """What arrived at the scene, per item (no lines: everything in transit)."""
    allocation = _allocation(request, allocation_id)
    return allocation_out(services.do_deliver(request.user, allocation, _quantities(payload)))


@router.post("/command/allocations/{allocation_id}/return", response={200: AllocationOut, **ERRORS})
def return_allocation(request, allocation_id: int, payload: QuantitiesIn):
    """Close the allocation, the unused stock per item booked back into the depot."""
    allocation = _allocation(request, allocation_id)
    return allocation_out(services.do_return(request.user, allocation, _quantities(payload) or {}))
