"""API for supplies (物资装备库): thin, reading through scoping and writing through services."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, FilterSchema, Form, Query, Router, Schema, Status, UploadedFile
from ninja.filter_schema import FilterLookup
from ninja.pagination import paginate

from countydesk.accounts.scoping import get_scoped, scope
from countydesk.base.api import ErrorOut, NumberedPagination, Row, rows_for
from countydesk.base.errors import NotFound, ValidationFailed
from countydesk.orgs.models import Unit

from . import services
from .services.flows import TRANSFER_FLOW
from .choices import DepotKind, EntryKind, MovementKind, TransferStatus
from .models import CensusCampaign, CensusUpload, Depot, Item, StockMovement, TransferOrder

router = Router(tags=["supplies"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut, 422: ErrorOut}


class ItemOut(Row):
    id: int
    code: str
    name: str
    unit_of_measure: str
    shelf_life_days: int | None
    is_equipment: bool


class ItemFilter(FilterSchema):
    q: Annotated[str | None, FilterLookup(["name__icontains", "code__startswith"])] = None
    code: Annotated[str | None, FilterLookup("code__startswith")] = None
    is_equipment: bool | None = None


class DepotOut(Row):
    id: int
    name: str
    kind: DepotKind
    unit_id: int
    address: str
    lat: float | None
    lon: float | None
    manager: str
    phone: str
    active: bool


class DepotIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    kind: DepotKind = DepotKind.GOVERNMENT
    unit_id: int
    address: str = Field(..., min_length=1, max_length=200)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    manager: str = Field(..., min_length=1, max_length=50)
    phone: str = Field(..., min_length=5, max_length=30)


class StockRowOut(Row):
    item_id: int
    item_code: str
    item_name: str
    unit_of_measure: str
    batch_id: int
    batch_no: str
    production_date: date | None
    expiry_date: date | None
    balance: float


class MovementOut(Row):
    id: int
    at: datetime
    depot_id: int
    item_id: int
    batch_id: int
    kind: MovementKind
    quantity: Decimal
    unit_of_measure: str
    balance_after: Decimal
    actor_id: int | None
    reason: str
    reference: str
    transfer_id: int | None


class MovementIn(Schema):
    depot_id: int
    item_id: int
    kind: EntryKind
    quantity: Decimal = Field(..., ge=0, max_digits=14, decimal_places=3)
    batch_no: str = Field("", max_length=40)
    production_date: date | None = None
    expiry_date: date | None = None
    reason: str = Field("", max_length=200)
    reference: str = Field("", max_length=60)


class MovementFilter(FilterSchema):
    depot: Annotated[int | None, FilterLookup("depot_id")] = None
    item: Annotated[int | None, FilterLookup("item_id")] = None
    kind: MovementKind | None = None


class LineIn(Schema):
    item_id: int
    quantity: Decimal = Field(..., gt=0, max_digits=14, decimal_places=3)


class TransferIn(Schema):
    from_depot_id: int
    to_depot_id: int
    lines: list[LineIn] = Field(..., min_length=1, max_length=200)
    reason: str = Field(..., min_length=1, max_length=200)
    emergency: bool = False


class TransferOut(Row):
    id: int
    from_depot_id: int
    to_depot_id: int
    status: TransferStatus
    emergency: bool
    reason: str
    requested_at: datetime


class TransferMove(Schema):
    to: TransferStatus


class UploadError(Row):
    row: int
    column: str
    message: str


class CensusUploadOut(Row):
    id: int
    campaign_id: int
    unit_id: int
    filename: str
    rows_total: int
    imported_rows: int
    imported_at: datetime | None
    depot_id: int | None
    errors: list[UploadError]


def _ref(model, pk: int, field: str, queryset=None):
    obj = (queryset if queryset is not None else model.objects).filter(pk=pk).first()
    if obj is None:
        raise ValidationFailed(_("Unknown %(what)s %(id)s.") % {"what": model._meta.verbose_name, "id": pk},
                               fields={field: [_("Unknown id.")]})
    return obj


def _depot(request, depot_id: int) -> Depot:
    return get_scoped(request.user, Depot.objects.select_related("unit"), depot_id)


@router.get("/supplies/items", response={200: list[ItemOut], **ERRORS})
@paginate(NumberedPagination)
def list_items(request, filters: Query[ItemFilter]):
    """The GB/T 38565 catalogue: every signed-in user may read it."""
    return rows_for(filters.filter(Item.objects.filter(active=True)), ItemOut)


@router.get("/supplies/depots", response={200: list[DepotOut], **ERRORS})
@paginate(NumberedPagination)
def list_depots(request, kind: DepotKind | None = None):
    depots = scope(request.user, Depot.objects.all())
    return rows_for(depots.filter(kind=kind) if kind else depots, DepotOut)


@router.get("/supplies/depots/{depot_id}", response={200: DepotOut, **ERRORS})
def get_depot(request, depot_id: int):
    return _depot(request, depot_id)


@router.post("/supplies/depots", response={201: DepotOut, **ERRORS})
def create_depot(request, payload: DepotIn):
    data = payload.dict()
    data["unit"] = _ref(Unit, data.pop("unit_id"), "unit_id")
    return Status(201, services.do_create_depot(request.user, **data))


@router.get("/supplies/depots/{depot_id}/stock", response={200: list[StockRowOut], **ERRORS})
@paginate(NumberedPagination)
def depot_stock(request, depot_id: int):
    """Balances of one depot per item × batch (the cached ledger sums), in one query per page."""
    return rows_for(services.depot_stock(_depot(request, depot_id)), StockRowOut)


@router.get("/supplies/movements", response={200: list[MovementOut], **ERRORS})
@paginate(NumberedPagination)
def list_movements(request, filters: Query[MovementFilter]):
    return rows_for(filters.filter(scope(request.user, StockMovement.objects.all(), "depot__unit")), MovementOut)


@router.post("/supplies/movements", response={201: MovementOut, **ERRORS})
def create_movement(request, payload: MovementIn):
    data = payload.dict()
    depot = _depot(request, data.pop("depot_id"))
    item = _ref(Item, data.pop("item_id"), "item_id")
    return Status(201, services.do_record_entry(request.user, depot, item=item, **data))


def _transfers(request):
    depots = scope(request.user, Depot.objects.all())
    orders = TransferOrder.objects.all()
    return orders.filter(from_depot__in=depots) | orders.filter(to_depot__in=depots)


@router.get("/supplies/transfers", response={200: list[TransferOut], **ERRORS})
@paginate(NumberedPagination)
def list_transfers(request, status: TransferStatus | None = None):
    orders = _transfers(request)
    return rows_for(orders.filter(status=status) if status else orders, TransferOut)


@router.post("/supplies/transfers", response={201: TransferOut, **ERRORS})
def create_transfer(request, payload: TransferIn):
    lines = [(_ref(Item, line.item_id, "lines.item_id"), line.quantity) for line in payload.lines]
    return Status(201, services.do_request_transfer(
        request.user, _ref(Depot, payload.from_depot_id, "from_depot_id"), _depot(request, payload.to_depot_id),
        lines, payload.reason, payload.emergency))


@router.post("/supplies/transfers/{transfer_id}/status", response={200: TransferOut, **ERRORS})
def move_transfer(request, transfer_id: int, payload: TransferMove):
    """Move a transfer to its next state; a state not allowed now answers 409 naming the allowed ones."""
    order = _transfers(request).filter(pk=transfer_id).first()
    if order is None:
        raise NotFound(_("No such record."))
    if payload.to not in TRANSFER_FLOW.table:
        raise ValidationFailed(_("Unknown state."), fields={"to": [_("Unknown state.")]})
    return TRANSFER_FLOW.run(TRANSFER_FLOW.towards(order, payload.to).name, request.user, order)


@router.get("/supplies/census/{campaign_id}/template")
def census_template(request, campaign_id: int, unit_id: int | None = None):
    if not CensusCampaign.objects.filter(pk=campaign_id).exists():
        raise NotFound(_("No such census."))
    unit = get_scoped(request.user, Unit.objects.all(), unit_id or request.user.unit_id, "self")
    return HttpResponse(services.census_template(unit),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@router.post("/supplies/census/{campaign_id}/upload", response={201: CensusUploadOut, **ERRORS})
def census_upload(request, campaign_id: int, file: File[UploadedFile], unit_id: Form[int],
                  mode: Form[str] = "clean"):
    """Upload a filled census workbook: mode `check`, `clean` (import when clean) or `good_rows`."""
    campaign = CensusCampaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        raise NotFound(_("No such census."))
    if mode not in ("check", "clean", "good_rows"):
        raise ValidationFailed(_("Unknown mode."), fields={"mode": ["check | clean | good_rows"]})
    unit = _ref(Unit, unit_id, "unit_id")
    return Status(201, services.do_upload_census(request.user, campaign, unit, file.read(), file.name or "", mode))


@router.get("/supplies/census/uploads/{upload_id}", response={200: CensusUploadOut, **ERRORS})
def census_report(request, upload_id: int):
    return get_scoped(request.user, CensusUpload.objects.all(), upload_id)


@router.get("/geo/depots", response={200: dict, **ERRORS})
def geo_depots(request, kind: DepotKind | None = None):
    """The depot layer of the map as a GeoJSON FeatureCollection (scoped like the depot list)."""
    from countydesk.core import records

    depots = scope(request.user, Depot.objects.select_related("unit").filter(active=True))
    return records.geojson_layer(depots.filter(kind=kind) if kind else depots, depot_properties)


def depot_properties(depot: Depot) -> dict:
    return {"name": depot.name, "kind": depot.get_kind_display(), "unit": depot.unit.name,
            "manager": depot.manager, "phone": depot.phone, "address": depot.address,
            "url": f"/supplies/depots/{depot.pk}/"}
