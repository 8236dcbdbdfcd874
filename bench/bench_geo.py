"""Geo figures (issue 5 item 13): "everything within 5 km of a point" over 100,000 points, the product's way
(`countydesk.geo.SpatialIndex`: a k-d tree over unit-sphere coordinates, exact great-circle check of the
candidates) against a linear haversine scan of every point, in the same run; both must return the same
points. Pure Python, no database. `python bench/bench_geo.py`."""

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench.harness import emit, progress  # noqa: E402
from countydesk.geo import SpatialIndex, haversine_km  # noqa: E402

POINTS = 100_000
RADIUS_KM = 5.0
QUERIES = 400        # through the index
LINEAR_QUERIES = 25  # through the linear scan (each reads every point)
CENTRE = (29.05, 114.60)  # the demo county seat
SPREAD = 0.5              # degrees either way: a region of about 110 × 97 km


def _linear(points, lat, lon, km):
    return sorted(key for key, la, lo in points if haversine_km(lat, lon, la, lo) <= km)


def main():
    rng = random.Random(7)
    lat0, lon0 = CENTRE
    points = [(n, lat0 + rng.uniform(-SPREAD, SPREAD), lon0 + rng.uniform(-SPREAD, SPREAD)) for n in range(POINTS)]
    queries = [(lat0 + rng.uniform(-SPREAD, SPREAD), lon0 + rng.uniform(-SPREAD, SPREAD)) for _ in range(QUERIES)]

    progress(f"geo: building the spatial index over {POINTS:,} points …")
    started = time.perf_counter()
    index = SpatialIndex(points)
    build_ms = (time.perf_counter() - started) * 1000

    progress(f"geo: {QUERIES} queries within {RADIUS_KM:g} km through the index …")
    samples, found = [], []
    for lat, lon in queries:
        started = time.perf_counter()
        hits = index.within(lat, lon, RADIUS_KM)
        samples.append(time.perf_counter() - started)
        found.append(len(hits))
    indexed_ms = statistics.median(samples) * 1000

    progress(f"geo: {LINEAR_QUERIES} queries by a linear haversine scan …")
    linear = []
    for lat, lon in queries[:LINEAR_QUERIES]:
        started = time.perf_counter()
        expected = _linear(points, lat, lon, RADIUS_KM)
        linear.append(time.perf_counter() - started)
        assert sorted(h.key for h in index.within(lat, lon, RADIUS_KM)) == expected, "index and scan disagree"
    linear_ms = statistics.median(linear) * 1000

    emit("geo", "within_5km_ms", indexed_ms, "ms", linear_ms, indexed_ms / linear_ms,
         baseline_is="linear haversine scan", points=POINTS, median_hits=statistics.median(found),
         speedup=round(linear_ms / indexed_ms, 1))
    emit("geo", "index_build_ms", build_ms, "ms", linear_ms, build_ms / linear_ms,
         baseline_is="one linear haversine scan", points=POINTS,
         break_even_queries=round(build_ms / max(linear_ms - indexed_ms, 1e-9), 1))


if __name__ == "__main__":
    main()
