"""Shelters and protected targets API: thin, every change goes through services."""

from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, FilterSchema, Query, Router, Schema, Status
from ninja.filter_schema import FilterLookup
from ninja.pagination import paginate

from countydesk.base.api import ErrorOut, NumberedPagination, Row, rows_for
from countydesk.base.errors import NotFound
from countydesk.core import records
from countydesk.geo import feature_collection, polygon_feature, ring_centroid
from countydesk.registry.teams.api import unit_ref

from . import rules, services
from .choices import ShelterStatus, TargetKind
from .models import Boundary, ProtectedTarget, Shelter

router = Router(tags=["shelters and protected targets"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class ShelterOut(Row):
    id: int
    name: str
    unit_id: int
    capacity: int
    area_m2: int
    facilities: str
    status: ShelterStatus
    manager_phone: str
    address: str
    lat: float | None
    lon: float | None


class ShelterIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    unit_id: int
    capacity: int = Field(..., ge=0)
    area_m2: int = Field(0, ge=0)
    facilities: str = Field("", max_length=300)
    status: ShelterStatus = ShelterStatus.OPEN
    manager_phone: str = Field("", max_length=30)
    address: str = Field("", max_length=200)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)


class ShelterPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=100)
    capacity: int | None = Field(None, ge=0)
    area_m2: int | None = Field(None, ge=0)
    facilities: str | None = Field(None, max_length=300)
    status: ShelterStatus | None = None
    manager_phone: str | None = Field(None, max_length=30)
    address: str | None = Field(None, max_length=200)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)


class ShelterFilter(FilterSchema):
    q: Annotated[str | None, FilterLookup(["name__icontains", "address__icontains"])] = None
    status: ShelterStatus | None = None
    unit: Annotated[int | None, FilterLookup("unit_id")] = None


class Point(Schema):
    lat: float = Field(..., ge=-90, le=90)
    lon: float = Field(..., ge=-180, le=180)


class NearbyOut(ShelterOut):
    km: float


class TargetOut(Row):
    id: int
    name: str
    kind: TargetKind
    unit_id: int
    population: int
    phone: str
    address: str
    lat: float | None
    lon: float | None


@router.get("/places/shelters", response={200: list[ShelterOut], **ERRORS})
@paginate(NumberedPagination)
def list_shelters(request, filters: Query[ShelterFilter]):
    return rows_for(filters.filter(Shelter.objects.all()), ShelterOut)


@router.get("/places/shelters/nearest", response={200: list[NearbyOut], **ERRORS})
def nearest_shelters(request, point: Query[Point]):
    """The open shelters nearest to a point, nearest first, with the distance in km."""
    return [ShelterOut.model_validate(n.shelter).model_dump() | {"km": round(n.km, 3)}
            for n in services.nearest_open_shelters(point.lat, point.lon, rules.nearest_shelter_count())]


@router.get("/places/shelters/{shelter_id}", response={200: ShelterOut, **ERRORS})
def get_shelter(request, shelter_id: int):
    shelter = Shelter.objects.filter(pk=shelter_id).first()
    if shelter is None:
        raise NotFound(_("No such record."))
    return shelter


@router.post("/places/shelters", response={201: ShelterOut, **ERRORS})
def create_shelter(request, payload: ShelterIn):
    return Status(201, services.do_create_shelter(request.user, **unit_ref(payload.dict())))


@router.patch("/places/shelters/{shelter_id}", response={200: ShelterOut, **ERRORS})
def update_shelter(request, shelter_id: int, payload: ShelterPatch):
    return services.do_update_shelter(request.user, get_shelter(request, shelter_id),
                                      **payload.dict(exclude_unset=True))


@router.get("/places/targets", response={200: list[TargetOut], **ERRORS})
@paginate(NumberedPagination)
def list_targets(request, kind: TargetKind | None = None):
    targets = ProtectedTarget.objects.all()
    return rows_for(targets.filter(kind=kind) if kind else targets, TargetOut)


@router.get("/geo/shelters", response={200: dict, **ERRORS})
def geo_shelters(request, status: ShelterStatus | None = None):
    """The shelter layer of the map as a GeoJSON FeatureCollection."""
    shelters = Shelter.objects.filter(**({"status": status} if status else {}))
    return records.geojson_layer(shelters, shelter_properties)


@router.get("/geo/targets", response={200: dict, **ERRORS})
def geo_targets(request, kind: TargetKind | None = None):
    """The protected-target layer of the map as a GeoJSON FeatureCollection."""
    targets = ProtectedTarget.objects.filter(**({"kind": kind} if kind else {}))
    return records.geojson_layer(targets, target_properties)


@router.get("/geo/boundaries", response={200: dict, **ERRORS})
def geo_boundaries(request):
    """The county's and its townships' boundaries as a GeoJSON FeatureCollection of polygons
    (`level`: county or township)."""
    boundaries = Boundary.objects.select_related("unit")
    return feature_collection(
        polygon_feature(b.geometry["coordinates"], {"name": b.unit.short_name or b.unit.name, "level": b.unit.kind,
                                                    "code": b.unit.code,
                                                    "label_at": ring_centroid(b.geometry["coordinates"][0])},
                        b.unit_id)
        for b in boundaries)


def shelter_properties(shelter: Shelter) -> dict:
    return {"name": shelter.name, "capacity": shelter.capacity, "status": shelter.status,
            "status_label": shelter.get_status_display(), "phone": shelter.manager_phone,
            "address": shelter.address, "url": f"/places/shelters/{shelter.pk}/"}


def target_properties(target: ProtectedTarget) -> dict:
    return {"name": target.name, "kind": target.get_kind_display(), "population": target.population,
            "phone": target.phone, "url": f"/places/targets/{target.pk}/edit/"}
