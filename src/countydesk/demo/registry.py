"""Apps add their part of the demo county here (from AppConfig.ready()), run in `order` after the base county.

A builder receives the DemoCounty: `rng` (seeded random.Random: use only it, so the demo stays
deterministic), `units` (name -> Unit), `users` (user name -> User), `progress.step(text)`, `today`, and `now`
(the moment of the build, which live data such as open incidents is dated from).
Builders write through their app's services with accounts.system.SYSTEM as the actor.
"""

from dataclasses import dataclass
from typing import Callable

from .data import TOWNSHIPS

BUILDERS: list["Builder"] = []


@dataclass(frozen=True)
class Builder:
    order: int
    name: str
    build: Callable


def demo_builder(order: int):
    def register(fn):
        if not any(b.name == f"{fn.__module__}.{fn.__name__}" for b in BUILDERS):
            BUILDERS.append(Builder(order, f"{fn.__module__}.{fn.__name__}", fn))
        return fn

    return register


def near(county, unit, spread: float = 0.02) -> tuple[float | None, float | None]:
    """A demo point scattered around `unit` (or the county seat town when the unit has no location)."""
    anchor = unit if unit.lat is not None else county.units[TOWNSHIPS[0]]
    return county._point(anchor.lat, anchor.lon, spread)
