"""Distance and estimated time of arrival (预计到达时间): straight-line distance × the detour factor ÷ the travel
speed of the mode, all from the rule tables (command.rules.advice)."""

from math import cos, radians

from django.db.models import ExpressionWrapper, F, FloatField, Q

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


def planar_square(scene, lat: str = "lat", lon: str = "lon"):
    """An SQL expression growing with the squared distance from the scene (equirectangular, exact enough
    to order candidates within a county), so the database returns the nearest rows first."""
    k = cos(radians(scene[0]))
    dlat = F(lat) - scene[0]
    dlon = (F(lon) - scene[1]) * k
    return ExpressionWrapper(dlat * dlat + dlon * dlon, output_field=FloatField())
