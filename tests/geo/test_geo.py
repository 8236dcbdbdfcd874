import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countydesk.geo import GeoJSONError, SpatialIndex, feature, feature_collection, haversine_km, parse_points

lats = st.floats(min_value=-89.9, max_value=89.9, allow_nan=False)
lons = st.floats(min_value=-180, max_value=180, allow_nan=False)
points = st.lists(st.tuples(lats, lons), min_size=1, max_size=40)


def test_haversine_known_distances():
    assert haversine_km(0, 0, 0, 0) == 0
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.01)
    assert haversine_km(39.9042, 116.4074, 31.2304, 121.4737) == pytest.approx(1067, abs=3)  # Beijing–Shanghai
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088, rel=1e-9)
    assert haversine_km(10, 179.9, 10, -179.9) < 25  # across the date line


@given(lats, lons, lats, lons)
def test_haversine_is_symmetric_and_bounded(a, b, c, d):
    assert haversine_km(a, b, c, d) == pytest.approx(haversine_km(c, d, a, b), abs=1e-6)
    assert 0 <= haversine_km(a, b, c, d) <= math.pi * 6371.0088 + 1e-6


@settings(max_examples=150, deadline=None)
@given(points, lats, lons, st.integers(min_value=1, max_value=10))
def test_nearest_matches_brute_force(rows, lat, lon, k):
    index = SpatialIndex((i, la, lo) for i, (la, lo) in enumerate(rows))
    brute = sorted(haversine_km(lat, lon, la, lo) for la, lo in rows)[:k]
    assert [h.km for h in index.nearest(lat, lon, k)] == pytest.approx(brute, abs=1e-6)


@settings(max_examples=150, deadline=None)
@given(points, lats, lons, st.floats(min_value=0, max_value=5000))
def test_within_matches_brute_force(rows, lat, lon, km):
    index = SpatialIndex((i, la, lo) for i, (la, lo) in enumerate(rows))
    brute = {i for i, (la, lo) in enumerate(rows) if haversine_km(lat, lon, la, lo) <= km}
    found = index.within(lat, lon, km)
    assert {h.key for h in found} == brute
    assert [h.km for h in found] == sorted(h.km for h in found)


def test_empty_index_answers_nothing():
    index = SpatialIndex([])
    assert index.nearest(0, 0, 5) == [] and index.within(0, 0, 100) == [] and len(index) == 0


def test_geojson_round_trip():
    fc = feature_collection([feature(29.1, 114.6, {"name": "城关镇"}, 1), feature(-33.9, 151.2, {}, 2)])
    assert fc["type"] == "FeatureCollection"
    assert fc["features"][0]["geometry"] == {"type": "Point", "coordinates": [114.6, 29.1]}
    assert parse_points(fc) == [(29.1, 114.6, {"name": "城关镇"}), (-33.9, 151.2, {})]


@pytest.mark.parametrize("bad, where", [
    ([], ""),
    ({"type": "FeatureCollection", "features": {}}, "features"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "LineString"}}]},
     "features[0].geometry"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point",
                                                                                   "coordinates": [200, 10]}}]},
     "features[0].geometry.coordinates"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point",
                                                                                   "coordinates": [10, "x"]}}]},
     "features[0].geometry.coordinates"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point",
                                                                                   "coordinates": [10, 95]}}]},
     "features[0].geometry.coordinates"),
])
def test_bad_geojson_is_refused_naming_the_place(bad, where):
    with pytest.raises(GeoJSONError) as exc:
        parse_points(bad)
    assert exc.value.path == where


def test_feature_refuses_bad_coordinates():
    with pytest.raises(GeoJSONError):
        feature(float("nan"), 10, {})
