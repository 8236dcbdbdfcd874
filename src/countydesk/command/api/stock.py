"""The API of allocations (/api/command/allocations) and requisitions (/api/command/requisitions): thin, reading
through the command scope and writing through the services."""

from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from countydesk.base.api import ErrorOut, NumberedPagination, Row, rows_for
from countydesk.base.errors import NotFound, ValidationFailed
from countydesk.registry.supplies.models import Depot, Item

from countydesk.core.ui.files import download

from ..documents import DOCUMENTS, requisition_file
from ..models import (Allocation, AllocationStatus, LineOutcome, OwnerKind, PaymentStatus, Requisition,
                      RequisitionStatus)
from ..services import allocations as services
from ..services import requisitions as requisition_services
from ..services.reach import allocations_for, requisitions_for, visible_incidents
from ..services.stock_flows import ALLOCATION_FLOW, PAYMENT_FLOW

# Joined to the command router by api/__init__.py (importing it from here would be a circle of modules).
router = Router(tags=["command"])

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


class StockLineIn(Schema):
    item_id: int
    quantity: Decimal = Field(..., **QTY)


class AllocationIn(Schema):
    incident_id: int
    depot_id: int
    lines: list[StockLineIn] = Field(..., min_length=1, max_length=100)
    destination: str = Field("", max_length=200)
    note: str = Field("", max_length=200)


class QuantityIn(Schema):
    item_id: int
    quantity: Decimal = Field(..., ge=0, max_digits=14, decimal_places=3)


class QuantitiesIn(Schema):
    lines: list[QuantityIn] | None = Field(None, max_length=100)


class StockActionIn(Schema):
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
def act_on_allocation(request, allocation_id: int, payload: StockActionIn):
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


# Requisitions (征用) and compensation (补偿)

class RequisitionLineOut(Row):
    id: int
    description: str
    quantity: Decimal
    condition_before: str
    value: Decimal
    age_years: int
    condition_after: str
    outcome: str
    repair_cost: Decimal
    compensation: Decimal


class RequisitionRowOut(Row):
    id: int
    incident_id: int
    owner_name: str
    owner_kind: str
    purpose: str
    status: RequisitionStatus
    payment_status: PaymentStatus
    requisitioned_at: datetime
    paperwork_due_at: datetime
    decided_at: datetime | None
    returned_at: datetime | None
    compensation: Decimal
    paid_at: datetime | None


class RequisitionOut(RequisitionRowOut):
    owner_contact: str
    owner_id_code: str
    lines: list[RequisitionLineOut]


class RequisitionLineIn(Schema):
    description: str = Field(..., max_length=200)
    quantity: Decimal = Field(Decimal(1), gt=0, max_digits=10, decimal_places=2)
    condition_before: str = Field(..., max_length=200)
    value: Decimal = Field(..., ge=0, max_digits=12, decimal_places=2)
    age_years: int = Field(0, ge=0, le=200)


class RequisitionIn(Schema):
    incident_id: int
    owner_name: str = Field("", max_length=100)
    owner_kind: OwnerKind = OwnerKind.PERSON
    owner_contact: str = Field("", max_length=100)
    owner_id_code: str = Field("", max_length=30)
    purpose: str = Field(..., min_length=1, max_length=200)
    lines: list[RequisitionLineIn] = Field([], max_length=100)
    decided: bool = False


class ReturnLineIn(Schema):
    line_id: int
    condition_after: str = Field(..., max_length=200)
    outcome: LineOutcome
    repair_cost: Decimal = Field(Decimal(0), ge=0, max_digits=12, decimal_places=2)


class RequisitionReturnIn(Schema):
    lines: list[ReturnLineIn] = Field(..., max_length=100)


def _requisition(request, requisition_id: int) -> Requisition:
    requisition = requisitions_for(request.user).filter(pk=requisition_id).first()
    if requisition is None:
        raise NotFound(_("No such record."))
    return requisition


def requisition_out(requisition: Requisition) -> dict:
    row = RequisitionRowOut.model_validate(requisition).model_dump()
    return row | {"owner_contact": requisition.owner_contact, "owner_id_code": requisition.owner_id_code,
                  "lines": [RequisitionLineOut.model_validate(line) for line in requisition.lines.all()]}


@router.get("/command/requisitions", response={200: list[RequisitionRowOut], **ERRORS})
@paginate(NumberedPagination)
def list_requisitions(request, incident_id: int | None = None, paperwork_open: bool | None = None):
    rows = requisitions_for(request.user)
    if incident_id:
        rows = rows.filter(incident_id=incident_id)
    if paperwork_open is not None:
        rows = rows.filter(decided_at__isnull=paperwork_open)
    return rows_for(rows, RequisitionRowOut)


@router.post("/command/requisitions", response={201: RequisitionOut, **ERRORS})
def create_requisition(request, payload: RequisitionIn):
    """Requisition property for an incident (requisition first: the decision is due within the rule's hours)."""
    incident = _ref(visible_incidents(request.user), payload.incident_id, "incident_id")
    owner = payload.dict(include={"owner_name", "owner_kind", "owner_contact", "owner_id_code"})
    requisition = requisition_services.do_requisition(request.user, incident, owner, payload.purpose,
                                                      [line.dict() for line in payload.lines],
                                                      decided=payload.decided)
    return Status(201, requisition_out(requisition))


@router.get("/command/requisitions/{requisition_id}", response={200: RequisitionOut, **ERRORS})
def get_requisition(request, requisition_id: int):
    return requisition_out(_requisition(request, requisition_id))


@router.post("/command/requisitions/{requisition_id}/decision", response={200: RequisitionOut, **ERRORS})
def issue_decision(request, requisition_id: int):
    """The written decision (征用决定书) is issued."""
    return requisition_out(requisition_services.do_issue_decision(request.user, _requisition(request, requisition_id)))


@router.post("/command/requisitions/{requisition_id}/return", response={200: RequisitionOut, **ERRORS})
def return_requisition(request, requisition_id: int, payload: RequisitionReturnIn):
    """The property comes back against the list; damage or loss is certified and compensation computed."""
    returns = {line.line_id: line.dict() for line in payload.lines}
    return requisition_out(requisition_services.do_return_requisition(
        request.user, _requisition(request, requisition_id), returns))


@router.post("/command/requisitions/{requisition_id}/payment", response={200: RequisitionOut, **ERRORS})
def move_payment(request, requisition_id: int, payload: StockActionIn):
    """approve or pay the compensation; a wrong state answers 409 naming the allowed ones."""
    requisition = _requisition(request, requisition_id)
    return requisition_out(PAYMENT_FLOW.run(payload.action, request.user, requisition))


@router.get("/command/requisitions/{requisition_id}/{document}.docx")
def requisition_document(request, requisition_id: int, document: str):
    """The decision (decision.docx) or the compensation note (compensation.docx) in the GB/T 9704 layout."""
    requisition = _requisition(request, requisition_id)
    if document not in DOCUMENTS:
        raise NotFound(_("No such document."))
    return download(*requisition_file(requisition, document))
