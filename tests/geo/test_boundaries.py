"""Generated township boundaries: one cell per seat, inside the county outline, not overlapping, covering it."""

from random import Random

import pytest

from countydesk.geo import GeoJSONError, check_polygon, ring_centroid
from countydesk.geo.boundaries import township_rings, voronoi_cells


def _area(ring):
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


def _inside(point, ring):
    """Point in a counter-clockwise convex ring (a closed GeoJSON ring), give or take the 1e-6° rounding."""
    x, y = point
    return all((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0) >= -1e-6 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))


def test_cells_partition_the_outline_and_hold_their_seat():
    rng = Random(7)
    seats = [(29.05 + rng.uniform(-0.25, 0.25), 114.6 + rng.uniform(-0.25, 0.25)) for _ in range(12)]
    outline, cells = township_rings(seats, 6, Random(1))
    assert len(cells) == 12
    assert abs(sum(_area(c[:-1]) for c in cells) - _area(outline[:-1])) < 1e-5 * _area(outline)  # coordinates rounded to 1e-6°
    for (lat, lon), cell in zip(seats, cells):
        check_polygon({"type": "Polygon", "coordinates": [cell]})
        assert _inside((lon, lat), cell)
        assert _inside(ring_centroid(cell), cell)
        assert all(_inside(p, outline) for p in cell)


def test_every_point_lies_in_the_cell_of_its_nearest_seat():
    seats = [(0.0, 0.0), (4.0, 0.0), (0.0, 4.0)]
    outline = [(-2.0, -2.0), (6.0, -2.0), (6.0, 6.0), (-2.0, 6.0)]
    cells = voronoi_cells(seats, outline)
    assert sorted(round(_area(c), 6) for c in cells) == sorted([16.0, 24.0, 24.0])


def test_the_same_random_source_draws_the_same_lines():
    seats = [(29.0, 114.5), (29.1, 114.7), (28.9, 114.6)]
    assert township_rings(seats, 5, Random(3)) == township_rings(seats, 5, Random(3))


@pytest.mark.parametrize("bad", [{"type": "Point", "coordinates": [1, 2]},
                                 {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]},
                                 {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]},
                                 {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 95], [0, 0]]]}])
def test_a_malformed_polygon_is_refused(bad):
    with pytest.raises(GeoJSONError):
        check_polygon(bad)
