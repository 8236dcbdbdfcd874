"""An in-memory spatial index: a k-d tree over 3-D unit-sphere coordinates (exact on the sphere,
no trouble at the date line or the poles). Build one from (key, lat, lon) rows; rebuild on change."""

from dataclasses import dataclass
from typing import Hashable, Iterable

import numpy as np
from scipy.spatial import cKDTree

from .distance import chord_for_km, haversine_km, unit_vector


@dataclass(frozen=True)
class Hit:
    key: Hashable
    lat: float
    lon: float
    km: float


class SpatialIndex:
    def __init__(self, points: Iterable[tuple[Hashable, float, float]]):
        self._points = [(key, float(lat), float(lon)) for key, lat, lon in points]
        coords = np.array([unit_vector(lat, lon) for _, lat, lon in self._points]).reshape(-1, 3)
        self._tree = cKDTree(coords) if self._points else None

    def __len__(self):
        return len(self._points)

    def _hits(self, lat: float, lon: float, indexes) -> list[Hit]:
        hits = [Hit(k, la, lo, haversine_km(lat, lon, la, lo)) for k, la, lo in (self._points[i] for i in indexes)]
        return sorted(hits, key=lambda h: (h.km, str(h.key)))

    def nearest(self, lat: float, lon: float, k: int = 5) -> list[Hit]:
        """The `k` points closest to (lat, lon), nearest first, with their distance in km."""
        if self._tree is None or k < 1:
            return []
        k = min(k, len(self._points))
        _, found = self._tree.query(unit_vector(lat, lon), k=k)
        return self._hits(lat, lon, np.atleast_1d(found).tolist())

    def within(self, lat: float, lon: float, km: float) -> list[Hit]:
        """Every point no farther than `km` from (lat, lon), nearest first."""
        if self._tree is None or km < 0:
            return []
        found = self._tree.query_ball_point(unit_vector(lat, lon), chord_for_km(km) * (1 + 1e-12))
        return [h for h in self._hits(lat, lon, found) if h.km <= km]
