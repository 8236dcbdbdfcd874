"""Pure geography helpers (no Django): distances, a spatial index, GeoJSON in and out."""

from .distance import EARTH_RADIUS_KM, haversine_km
from .geojson import GeoJSONError, feature, feature_collection, parse_points
from .index import SpatialIndex

__all__ = ["EARTH_RADIUS_KM", "GeoJSONError", "SpatialIndex", "feature", "feature_collection", "haversine_km",
           "parse_points"]
