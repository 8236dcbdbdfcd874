"""The reasons shown with every suggestion (推荐理由), as short readable phrases."""

from decimal import Decimal

from django.utils.translation import gettext as _

from countydesk.core.taxonomy import EVENT_TYPES


def amount(value) -> str:
    """2.00 → '2', 2.50 → '2.5'."""
    return f"{Decimal(value).normalize():f}"


def capability(code: str) -> str:
    event = EVENT_TYPES.get(code)
    return _("capability matched: %s") % (event.name if event else code)


def specialty(code: str) -> str:
    event = EVENT_TYPES.get(code)
    return _("specialty matched: %s") % (event.name if event else code)


def distance(metres: float | None) -> str:
    if metres is None:
        return _("no position on record, distance unknown")
    return _("%s km from the scene") % f"{metres / 1000:.1f}"


def eta(minutes: float | None) -> str | None:
    return None if minutes is None else _("arrives in about %d min") % max(1, round(minutes))


def readiness(label) -> str:
    return _("readiness: %s") % label


def availability(label) -> str:
    return _("availability: %s") % label


def balance(quantity, unit_of_measure: str, item_name: str) -> str:
    return _("free balance: %(item)s %(quantity)s %(uom)s") % {
        "item": item_name, "quantity": amount(quantity), "uom": unit_of_measure}


def capacity(people: int) -> str:
    return _("free capacity: %d people") % people


def listed(*reasons) -> list[str]:
    return [str(r) for r in reasons if r]


def target(kind_label, population: int) -> str:
    return _("%(kind)s, %(population)d people") % {"kind": kind_label, "population": population}


def hazard(kind_label, level_label) -> str:
    return _("%(kind)s, %(level)s hazard") % {"kind": kind_label, "level": level_label}
