"""Pure geography helpers (no Django): distances, a spatial index, GeoJSON in and out."""

from .distance import EARTH_RADIUS_KM, haversine_km
from .geojson import (GeoJSONError, check_polygon, feature, feature_collection, parse_points, polygon_feature,
                      ring_centroid)
from .index import SpatialIndex

__all__ = ["EARTH_RADIUS_KM", "GeoJSONError", "SpatialIndex", "check_polygon", "feature", "feature_collection",
           "haversine_km", "parse_points", "polygon_feature", "ring_centroid"]
