"""Hazards API (风险隐患库): thin; reading is scoped to the caller's units, changes go through services."""

from datetime import date
from typing import Annotated

from ninja import Field, FilterSchema, Query, Router, Schema, Status
from ninja.filter_schema import FilterLookup
from ninja.pagination import paginate

from countydesk.accounts.scoping import get_scoped, scope
from countydesk.base.api import ErrorOut, NumberedPagination, Row, rows_for
from countydesk.core import records
from countydesk.registry.teams.api import unit_ref

from . import services
from .choices import DangerStatus, HazardKind, Level
from .models import Hazard, HiddenDanger

router = Router(tags=["hazards"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class HazardOut(Row):
    id: int
    name: str
    kind: HazardKind
    level: Level
    unit_id: int
    monitoring: str
    address: str
    lat: float | None
    lon: float | None


class HazardIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    kind: HazardKind
    level: Level
    unit_id: int
    monitoring: str = Field("", max_length=5000)
    address: str = Field("", max_length=200)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)


class HazardFilter(FilterSchema):
    q: Annotated[str | None, FilterLookup(["name__icontains", "address__icontains"])] = None
    kind: HazardKind | None = None
    level: Level | None = None


class DangerOut(Row):
    id: int
    hazard_id: int
    description: str
    level: Level
    found_on: date
    deadline: date
    measures: str
    status: DangerStatus
    closed_on: date | None


class DangerIn(Schema):
    description: str = Field(..., min_length=1, max_length=300)
    level: Level
    found_on: date | None = None
    deadline: date | None = None
    measures: str = Field("", max_length=5000)


class MoveIn(Schema):
    to: DangerStatus


def _hazards(request):
    return scope(request.user, Hazard.objects.all())


@router.get("/hazards", response={200: list[HazardOut], **ERRORS})
@paginate(NumberedPagination)
def list_hazards(request, filters: Query[HazardFilter]):
    return rows_for(filters.filter(_hazards(request)), HazardOut)


@router.get("/hazards/dangers", response={200: list[DangerOut], **ERRORS})
@paginate(NumberedPagination)
def list_dangers(request, status: DangerStatus | None = None, overdue: bool = False):
    dangers = services.overdue_dangers() if overdue else HiddenDanger.objects.all()
    dangers = scope(request.user, dangers, "hazard__unit")
    return rows_for(dangers.filter(status=status) if status else dangers, DangerOut)


@router.post("/hazards/dangers/{danger_id}/transition", response={200: DangerOut, **ERRORS})
def move_danger(request, danger_id: int, payload: MoveIn):
    """Move a hidden danger along open → rectifying → closed → verified (409 names the allowed states)."""
    danger = get_scoped(request.user, HiddenDanger.objects.all(), danger_id, "hazard__unit")
    return services.do_move_danger(request.user, danger, payload.to)


@router.get("/hazards/{hazard_id}", response={200: HazardOut, **ERRORS})
def get_hazard(request, hazard_id: int):
    return get_scoped(request.user, Hazard.objects.all(), hazard_id)


@router.post("/hazards", response={201: HazardOut, **ERRORS})
def create_hazard(request, payload: HazardIn):
    return Status(201, services.do_create_hazard(request.user, **unit_ref(payload.dict())))


@router.post("/hazards/{hazard_id}/dangers", response={201: DangerOut, **ERRORS})
def report_danger(request, hazard_id: int, payload: DangerIn):
    hazard = get_hazard(request, hazard_id)
    data = {k: v for k, v in payload.dict().items() if v is not None}
    return Status(201, services.do_report_danger(request.user, hazard=hazard, **data))


@router.get("/geo/hazards", response={200: dict, **ERRORS})
def geo_hazards(request, level: Level | None = None):
    """The hazard layer of the map as a GeoJSON FeatureCollection (scoped like the list)."""
    hazards = _hazards(request).select_related("unit").filter(**({"level": level} if level else {}))
    return records.geojson_layer(hazards, hazard_properties)


def hazard_properties(hazard: Hazard) -> dict:
    return {"name": hazard.name, "kind": hazard.get_kind_display(), "level": hazard.level,
            "level_label": hazard.get_level_display(), "unit": hazard.unit.name, "url": f"/hazards/{hazard.pk}/"}
