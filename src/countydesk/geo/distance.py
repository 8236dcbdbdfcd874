"""Great-circle distances on a spherical earth (WGS-84 mean radius)."""

from math import asin, cos, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in kilometres between two WGS-84 points given in degrees."""
    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lon2 - lon1)
    h = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(h)))


def unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    """The point on the unit sphere for a latitude/longitude in degrees."""
    p, l = radians(lat), radians(lon)
    return (cos(p) * cos(l), cos(p) * sin(l), sin(p))


def chord_for_km(km: float) -> float:
    """Straight-line (chord) length on the unit sphere for a great-circle distance."""
    angle = min(km / EARTH_RADIUS_KM, 3.141592653589793)
    return 2 * sin(angle / 2)
