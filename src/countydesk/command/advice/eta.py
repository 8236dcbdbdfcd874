"""Distance and estimated time of arrival (预计到达时间): straight-line distance × the detour factor ÷ the travel
speed of the mode, all from the rule tables (command.rules.advice)."""

from math import cos, radians

from django.db.models import Q

from countydesk.geo import haversine_km

METRES_PER_DEGREE = 111_195.0  # one degree of latitude on the WGS-84 mean sphere


def distance_m(scene, lat, lon) -> float | None:
    """Great-circle metres from the scene (lat, lon) to a point; None when either has no position."""
    if scene is None or lat is None or lon is None:
        return None
    return haversine_km(scene[0], scene[1], lat, lon) * 1000


def eta_min(metres: float | None, mode: str, rules) -> float | None:
    """Minutes to cover `metres` of straight line by road: × detour_percent / 100 at the mode's speed."""
    if metres is None:
        return None
    road_km = metres / 1000 * rules.detour_percent / 100
    return road_km / rules.speed_kmh(mode) * 60


def box(scene, metres: float, lat: str = "lat", lon: str = "lon") -> Q:
    """Rows whose position lies in the latitude/longitude box around the scene that holds the circle of
    `metres` (an index-friendly prefilter; the exact distance is checked afterwards)."""
    dlat = metres / METRES_PER_DEGREE
    dlon = dlat / max(cos(radians(scene[0])), 0.01)
    return Q(**{f"{lat}__range": (scene[0] - dlat, scene[0] + dlat),
                f"{lon}__range": (scene[1] - dlon, scene[1] + dlon)})


def expanding(scene, first_m: float, fetch, settled, steps: int = 2):
    """Search boxes of growing size around the scene (first_m, ×4, then everywhere): `fetch(q)` returns
    the rows within the box `q` (None: no box); `settled(rows, metres)` says whether nothing outside a box
    of `metres` could rank among them. Few rows are read when the nearest suffice."""
    metres = first_m
    for _ in range(steps):
        rows = fetch(box(scene, metres))
        if settled(rows, metres):
            return rows
        metres *= 4
    return fetch(None)
