"""Every change to shelters and protected targets, and the nearest-shelter search."""

from dataclasses import dataclass

from django.db.models import Count, Max

from countydesk.geo import SpatialIndex
from countydesk.core import records
from countydesk.search.services import index_document

from .choices import ShelterStatus
from .models import Boundary, ProtectedTarget, Shelter


def index_shelter(shelter: Shelter):
    body = "　".join(filter(None, [shelter.unit.name, shelter.address, shelter.facilities]))
    index_document("shelter", shelter.pk, shelter.name, body, public=True, url=f"/places/shelters/{shelter.pk}/")


def reindex_shelters() -> int:
    shelters = list(Shelter.objects.select_related("unit"))
    for shelter in shelters:
        index_shelter(shelter)
    return len(shelters)


SHELTER = records.Kind("places", "shelter", frozenset({"name", "unit", "capacity", "area_m2", "facilities", "status",
                                                   "manager_phone", "address", "lat", "lon"}),
                   lambda s: s.unit, index_shelter)
TARGET = records.Kind("places", "protected_target", frozenset({"name", "kind", "unit", "population", "phone", "address",
                                                           "lat", "lon"}), lambda t: t.unit)

BOUNDARY = records.Kind("places", "boundary", frozenset({"unit", "geometry"}), lambda b: b.unit)


def do_create_shelter(actor, **fields) -> Shelter:
    return records.create(actor, SHELTER, Shelter, fields)


def do_update_shelter(actor, shelter: Shelter, **changes) -> Shelter:
    return records.update(actor, SHELTER, shelter, changes)


def do_create_target(actor, **fields) -> ProtectedTarget:
    return records.create(actor, TARGET, ProtectedTarget, fields)


def do_update_target(actor, target: ProtectedTarget, **changes) -> ProtectedTarget:
    return records.update(actor, TARGET, target, changes)


def do_set_boundary(actor, unit, geometry: dict) -> Boundary:
    """Draw `unit`'s boundary (a GeoJSON Polygon), replacing the one it had."""
    existing = Boundary.objects.filter(unit=unit).first()
    if existing is None:
        return records.create(actor, BOUNDARY, Boundary, {"unit": unit, "geometry": geometry})
    return records.update(actor, BOUNDARY, existing, {"geometry": geometry})


@dataclass(frozen=True)
class Nearby:
    shelter: Shelter
    km: float


_INDEX: dict = {}


def _open_shelters():
    return Shelter.objects.filter(status=ShelterStatus.OPEN, lat__isnull=False)


def shelter_index() -> SpatialIndex:
    """The spatial index of open shelters, rebuilt when any shelter changed (count and last update)."""
    stamp = tuple(Shelter.objects.aggregate(n=Count("id"), at=Max("updated")).values())
    if _INDEX.get("stamp") != stamp:
        _INDEX["index"] = SpatialIndex(_open_shelters().values_list("pk", "lat", "lon"))
        _INDEX["stamp"] = stamp
    return _INDEX["index"]


def nearest_open_shelters(lat: float, lon: float, k: int) -> list[Nearby]:
    hits = shelter_index().nearest(lat, lon, k)
    shelters = Shelter.objects.select_related("unit").in_bulk([h.key for h in hits])
    return [Nearby(shelters[h.key], h.km) for h in hits if h.key in shelters]
