"""Unit and place names fed into textkit's user dictionary (用户词典), so segmentation, completeness
checks and search cut "城关镇" or "县发展和改革局" as one word."""

from countydesk.textkit import add_places, add_units

from .choices import UnitKind
from .models import Unit

PLACE_KINDS = {UnitKind.GOVERNMENT, UnitKind.TOWNSHIP, UnitKind.VILLAGE}
_loaded = False


def add_unit_names(units):
    units = list(units)
    add_places(n for u in units if u.kind in PLACE_KINDS for n in (u.name, u.short_name) if n)
    add_units(n for u in units if u.kind not in PLACE_KINDS for n in (u.name, u.short_name) if n)


def ensure_loaded():
    """Load every unit's names once per process (later changes are added by the unit services)."""
    global _loaded
    if not _loaded:
        add_unit_names(Unit.objects.only("name", "short_name", "kind"))
        _loaded = True
