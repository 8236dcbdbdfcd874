"""GeoJSON (RFC 7946) points: FeatureCollections out, validated points in. Coordinates are [lon, lat]."""

from math import isfinite
from typing import Any, Iterable


class GeoJSONError(ValueError):
    """Malformed GeoJSON; `path` says where (e.g. "features[3].geometry.coordinates")."""

    def __init__(self, message: str, path: str = ""):
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


def check_lat_lon(lat, lon, path: str = "coordinates") -> tuple[float, float]:
    for value in (lat, lon):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not isfinite(value):
            raise GeoJSONError("coordinates must be finite numbers", path)
    if not -90 <= lat <= 90:
        raise GeoJSONError("latitude must lie between -90 and 90", path)
    if not -180 <= lon <= 180:
        raise GeoJSONError("longitude must lie between -180 and 180", path)
    return float(lat), float(lon)


def feature(lat: float, lon: float, properties: dict[str, Any], feature_id=None) -> dict:
    lat, lon = check_lat_lon(lat, lon)
    out = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
           "properties": properties}
    if feature_id is not None:
        out["id"] = feature_id
    return out


def feature_collection(features: Iterable[dict]) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def _point(geometry, path: str) -> tuple[float, float]:
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        raise GeoJSONError("only Point geometries are accepted", path)
    coords = geometry.get("coordinates")
    if not isinstance(coords, list) or len(coords) not in (2, 3):
        raise GeoJSONError("a Point has [longitude, latitude]", f"{path}.coordinates")
    return check_lat_lon(coords[1], coords[0], f"{path}.coordinates")


def parse_points(data: Any) -> list[tuple[float, float, dict]]:
    """(lat, lon, properties) of every Point feature of a FeatureCollection; GeoJSONError on anything else."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GeoJSONError("expected a FeatureCollection")
    features = data.get("features")
    if not isinstance(features, list):
        raise GeoJSONError("features must be a list", "features")
    points = []
    for i, item in enumerate(features):
        path = f"features[{i}]"
        if not isinstance(item, dict) or item.get("type") != "Feature":
            raise GeoJSONError("expected a Feature", path)
        props = item.get("properties") or {}
        if not isinstance(props, dict):
            raise GeoJSONError("properties must be an object", f"{path}.properties")
        points.append((*_point(item.get("geometry"), f"{path}.geometry"), props))
    return points


def check_polygon(geometry: Any, path: str = "geometry") -> dict:
    """A GeoJSON Polygon: closed rings of at least four [lon, lat] positions; GeoJSONError otherwise."""
    if not isinstance(geometry, dict) or geometry.get("type") != "Polygon":
        raise GeoJSONError("expected a Polygon", path)
    rings = geometry.get("coordinates")
    if not isinstance(rings, list) or not rings:
        raise GeoJSONError("a Polygon has a list of rings", f"{path}.coordinates")
    for i, ring in enumerate(rings):
        where = f"{path}.coordinates[{i}]"
        if not isinstance(ring, list) or len(ring) < 4 or ring[0] != ring[-1]:
            raise GeoJSONError("a ring is closed and has at least four positions", where)
        for position in ring:
            if not isinstance(position, list) or len(position) not in (2, 3):
                raise GeoJSONError("a position is [longitude, latitude]", where)
            check_lat_lon(position[1], position[0], where)
    return geometry


def polygon_feature(rings: list, properties: dict[str, Any], feature_id=None) -> dict:
    out = {"type": "Feature", "geometry": check_polygon({"type": "Polygon", "coordinates": rings}),
           "properties": properties}
    if feature_id is not None:
        out["id"] = feature_id
    return out


def ring_centroid(ring: list) -> list[float]:
    """The area centroid [lon, lat] of a closed ring (inside it when the ring is convex), where a map
    writes the area's name."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip((p[:2] for p in ring), (p[:2] for p in ring[1:])):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not area:
        return [round(ring[0][0], 6), round(ring[0][1], 6)]
    return [round(cx / (3 * area), 6), round(cy / (3 * area), 6)]
