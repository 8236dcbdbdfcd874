"""Places around the scene: shelters with free capacity (避难场所), protected targets (防护目标) and hazards
(危险源) within the radius. A box around the circle prefilters in SQL; the exact distance decides."""

from countydesk.registry.hazards.choices import HazardKind, Level
from countydesk.registry.hazards.models import Hazard
from countydesk.registry.places.choices import ShelterStatus, TargetKind
from countydesk.registry.places.models import ProtectedTarget, Shelter

from . import why
from .eta import box, distance_m, expanding


def shelters(scene, rules, radius_m: int) -> list[dict]:
    """Open shelters by free capacity: of the nearest open ones (four times the rule's number of candidates),
    those within the radius come first, largest free capacity first, then the others nearest first. Free
    capacity is the capacity of an open shelter (a full or closed one has none, so it is not listed)."""
    rows = Shelter.objects.filter(status=ShelterStatus.OPEN, capacity__gt=0)
    limit = rules.candidates * 4

    def fetch(area):
        picked = (rows.filter(area) if area else rows).order_by().values_list("pk", "name", "capacity", "lat", "lon")
        nearest = sorted((_last(distance_m(scene, lat, lon)), -capacity, pk, name, capacity, lat, lon)
                         for pk, name, capacity, lat, lon in picked)[:limit]
        return [_shelter(scene, *row[2:]) for row in nearest]

    def settled(found, metres):
        return len(found) == limit and max(_last(c["distance_m"]) for c in found) <= metres * 0.99

    found = expanding(scene, radius_m * 4, fetch, settled) if scene else fetch(None)
    near = [c for c in found if c["distance_m"] is not None and c["distance_m"] <= radius_m]
    far = [c for c in found if c not in near]
    near.sort(key=lambda c: (-c["capacity"], c["distance_m"], c["id"]))
    return (near + far)[:rules.candidates]


def _shelter(scene, pk, name, capacity, lat, lon) -> dict:
    metres = distance_m(scene, lat, lon)
    return {"id": pk, "name": name, "distance_m": None if metres is None else round(metres), "eta_min": None,
            "capacity": capacity, "why": why.listed(why.capacity(capacity), why.distance(metres))}


def _within(model, scene, radius_m: int, extra: tuple, labels: dict, phrase) -> list[dict]:
    if scene is None:
        return []
    rows = model.objects.filter(box(scene, radius_m)).values_list("pk", "name", "lat", "lon", *extra)
    found = []
    for pk, name, lat, lon, *more in rows:
        metres = distance_m(scene, lat, lon)
        if metres <= radius_m:
            found.append({"id": pk, "name": name, "distance_m": round(metres), "eta_min": None,
                          "kind": more[0], "why": why.listed(phrase(labels[more[0]], *more[1:]), why.distance(metres))})
    return sorted(found, key=lambda c: (c["distance_m"], c["id"]))


def targets(scene, radius_m: int) -> list[dict]:
    """Schools, hospitals, care homes … within `radius_m` of the scene, nearest first."""
    return _within(ProtectedTarget, scene, radius_m, ("kind", "population"), dict(TargetKind.choices),
                   lambda kind, population: why.target(kind, population))


def hazards(scene, radius_m: int) -> list[dict]:
    """Hazards (reservoirs, chemical plants, landslides …) within `radius_m` of the scene, nearest first."""
    levels = dict(Level.choices)
    return _within(Hazard, scene, radius_m, ("kind", "level"), dict(HazardKind.choices),
                   lambda kind, level: why.hazard(kind, levels.get(level, level)))


def _last(value):
    return float("inf") if value is None else value
