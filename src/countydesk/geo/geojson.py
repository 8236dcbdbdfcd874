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
