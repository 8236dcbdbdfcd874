"""Plausible administrative boundaries where no surveyed ones exist (the demo county): a convex county
outline around the seats, cut into one cell per seat (Voronoi cells clipped to the outline).

Cells are built in a local plane (longitude scaled by the cosine of the mean latitude) so that the
bisectors are the real perpendiculars on the ground; rings come back as GeoJSON [lon, lat] lists.
"""

from math import cos, pi, radians, sin
from random import Random

import numpy as np
from scipy.spatial import ConvexHull

Point = tuple[float, float]  # (x, y) in the local plane


def _clip(ring: list[Point], a: float, b: float, c: float) -> list[Point]:
    """The part of a convex ring where a·x + b·y ≤ c (one Sutherland–Hodgman step)."""
    out: list[Point] = []
    for i, p in enumerate(ring):
        q = ring[(i + 1) % len(ring)]
        inside_p, inside_q = a * p[0] + b * p[1] <= c, a * q[0] + b * q[1] <= c
        if inside_p:
            out.append(p)
        if inside_p != inside_q:
            t = (c - a * p[0] - b * p[1]) / (a * (q[0] - p[0]) + b * (q[1] - p[1]))
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def voronoi_cells(seats: list[Point], outline: list[Point]) -> list[list[Point]]:
    """For each seat, the part of the convex `outline` nearer to it than to any other seat.

    The cells do not overlap and together cover the outline."""
    cells = []
    for i, (xi, yi) in enumerate(seats):
        cell = list(outline)
        for j, (xj, yj) in enumerate(seats):
            if j != i and cell:
                # nearer to i than to j: 2(xj-xi)·x + 2(yj-yi)·y ≤ |j|² - |i|²
                cell = _clip(cell, 2 * (xj - xi), 2 * (yj - yi), xj * xj + yj * yj - xi * xi - yi * yi)
        cells.append(cell)
    return cells


def convex_outline(points: list[Point], margin: float, rng: Random, corners: int = 40) -> list[Point]:
    """A convex outline around every point, at least `margin` beyond the outermost ones, its edge
    jittered by `rng` so that it does not look drawn with a ruler."""
    cx, cy = np.mean(points, axis=0)
    candidates = []
    for k in range(corners):
        angle = 2 * pi * k / corners
        reach = max((x - cx) * cos(angle) + (y - cy) * sin(angle) for x, y in points)
        r = reach + margin * rng.uniform(1.0, 1.6)
        candidates.append((cx + r * cos(angle), cy + r * sin(angle)))
    hull = ConvexHull(np.array(candidates))
    return [tuple(map(float, candidates[i])) for i in hull.vertices]  # counter-clockwise


def township_rings(seats: list[tuple[float, float]], margin_km: float, rng: Random,
                   inside: list[tuple[float, float]] = ()) -> tuple[list[list[float]], list[list[list[float]]]]:
    """(county ring, one ring per seat) as closed GeoJSON rings of [lon, lat] for seats given as (lat, lon);
    the county also encloses the `inside` points (its villages, departments, enterprises)."""
    lat0 = sum(lat for lat, _ in seats) / len(seats)
    kx = cos(radians(lat0))
    plane = [(lon * kx, lat) for lat, lon in seats]
    outline = convex_outline(plane + [(lon * kx, lat) for lat, lon in inside], margin_km / 111.2, rng)

    def ring(points: list[Point]) -> list[list[float]]:
        coords = [[round(x / kx, 6), round(y, 6)] for x, y in points]
        return coords + coords[:1]

    return ring(outline), [ring(cell) for cell in voronoi_cells(plane, outline)]
