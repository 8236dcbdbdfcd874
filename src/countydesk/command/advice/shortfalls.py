"""What the county does not have, or not enough of (资源缺口): each with a readable sentence, e.g.
"需要冲锋舟2艘，全县仅有1艘——请求市级支援"; free-text requirements nobody can match are listed as such."""

from decimal import Decimal

from django.utils.translation import gettext as _

from .why import amount


def shortfall(need, available) -> dict | None:
    """None when `available` covers the need, else the gap with its sentence."""
    available = Decimal(available)
    if available >= need.quantity:
        return None
    words = {"name": need.name, "needed": amount(need.quantity), "available": amount(available),
             "uom": need.unit_of_measure}
    if available:
        text = _("Needs %(needed)s %(uom)s of %(name)s, the county has only %(available)s %(uom)s available "
                 "— ask the city for support.") % words
    else:
        text = _("Needs %(needed)s %(uom)s of %(name)s, the county has none available — ask the city for "
                 "support.") % words
    return {"kind": need.kind, "requirement": need.name, "requirement_id": need.id, "needed": amount(need.quantity),
            "available": amount(available), "unit_of_measure": need.unit_of_measure, "text": text}


def unmatched(need) -> dict:
    """A requirement that names no capability, specialty or catalogue item: shown, never silently dropped."""
    text = _("Unmatched requirement (free text): %(name)s %(needed)s %(uom)s — check it by hand.") % {
        "name": need.name, "needed": amount(need.quantity), "uom": need.unit_of_measure}
    return {"kind": "unmatched", "requirement": need.name, "requirement_id": need.id,
            "needed": amount(need.quantity), "available": None, "unit_of_measure": need.unit_of_measure,
            "text": text}


def collect(needs, found: dict, totals: dict) -> list[dict]:
    """Shortfalls of all needs: `found` maps a team/expert need to its candidate count (complete up to the
    need, see candidates.listing), `totals` an item to the county's free balance."""
    gaps = []
    for need in needs:
        if not need.matchable:
            gaps.append(unmatched(need))
            continue
        available = totals.get(need.item_id, 0) if need.item_id is not None else found.get(need, 0)
        gap = shortfall(need, available)
        if gap:
            gaps.append(gap)
    return gaps
