"""Ranked candidates for each requirement (候选资源): teams by readiness and ETA among those whose capabilities
match, experts by availability and distance among those whose specialties match, depots by distance among
those holding a free balance of the item. The database prefilters (a box around the scene, grown when too
few are inside; the items asked for); Python measures and ranks what it returns."""

from countydesk.registry.supplies.models import Depot
from countydesk.registry.supplies.services import free_balances
from countydesk.registry.teams.choices import Availability, Readiness, TeamKind
from countydesk.registry.teams.models import Expert, Team

from . import why
from .eta import distance_m, eta_min, expanding

AVAILABILITY_ORDER = {Availability.AVAILABLE: 0, Availability.ON_CALL: 1}  # then evenings and weekends


def listing(need, rules) -> int:
    """How many rows to fetch: enough to fill the need and to show the rule's number of candidates."""
    return max(rules.candidates, int(-(-need.quantity // 1)))


def candidate(pk, name, metres, mode, rules, *reasons, **extra) -> dict:
    minutes = eta_min(metres, mode, rules)
    rounded = None if metres is None else round(metres)
    return {"id": pk, "name": name, "distance_m": rounded, "eta_min": None if minutes is None else round(minutes, 1),
            "why": why.listed(*reasons[:1], why.distance(metres), why.eta(minutes), *reasons[1:]), **extra}


def teams(need, scene, rules, busy=()) -> list[dict]:
    """Ready, then partly ready teams able to handle the event type (and of the kind, when named), soonest first.
    Teams not ready or on an active order (`busy`: id collections or querysets of ids) are left out. The
    database returns the matching teams in a box around the scene (grown when it holds too few); Python
    measures those and ranks them."""
    rows = Team.objects.filter(capabilities__icontains=f'"{need.capability}"').exclude(readiness=Readiness.NOT_READY)
    if need.team_kind:
        rows = rows.filter(kind=need.team_kind)
    for ids in busy:
        rows = rows.exclude(pk__in=ids)
    rows = rows.order_by().values_list("pk", "name", "kind", "readiness", "lat", "lon")
    limit = listing(need, rules)
    labels = dict(Readiness.choices)

    def fetch(area):
        ranked = sorted((row[3] != Readiness.READY, _last(eta_min(distance_m(scene, *row[4:]), row[2], rules)), row)
                        for row in (rows.filter(area) if area else rows))
        return [_team(row, need, scene, rules, labels) for *_rank, row in ranked[:limit]]

    if scene is None:
        return fetch(None)
    fastest = max(rules.speed_kmh(k) for k in ([need.team_kind] if need.team_kind else TeamKind.values))

    def settled(found, metres):
        """Enough ready teams in the box, the last no later than any team outside could arrive."""
        outside = metres * 0.99 / 1000 * rules.detour_percent / 100 / fastest * 60
        return len(found) == limit and all(c["readiness"] == Readiness.READY for c in found) and \
            max(c["eta_min"] for c in found) <= outside

    return expanding(scene, rules.radius_m * 4, fetch, settled)


def _team(row, need, scene, rules, labels) -> dict:
    pk, name, kind, readiness, lat, lon = row
    return candidate(pk, name, distance_m(scene, lat, lon), kind, rules, why.capability(need.capability),
                     why.readiness(labels[readiness]), kind=kind, readiness=readiness, requirement=need.name)


def experts(need, scene, rules) -> list[dict]:
    """Experts in the event type who can be reached (available, on call, evenings), nearest first by their unit."""
    rows = (Expert.objects.filter(specialties__icontains=f'"{need.capability}"')
            .exclude(availability=Availability.UNAVAILABLE).order_by()
            .values_list("pk", "name", "availability", "unit__lat", "unit__lon"))
    ranked = sorted((AVAILABILITY_ORDER.get(a, 2), _last(distance_m(scene, lat, lon)), pk, name, a)
                    for pk, name, a, lat, lon in rows)[:listing(need, rules)]
    labels = dict(Availability.choices)
    return [candidate(pk, name, None if metres == float("inf") else metres, "expert", rules,
                      why.specialty(need.capability), why.availability(labels[a]), availability=a,
                      requirement=need.name)
            for _rank, metres, pk, name, a in ranked]


def depots(needs, scene, rules) -> tuple[list[dict], dict]:
    """Per supply need, the rule's number of nearest depots holding a free balance of the item; and the
    county's free total per item (for the shortfalls). Two queries for all needs."""
    balances = free_balances({n.item_id for n in needs})
    holding = Depot.objects.filter(levels__item_id__in={n.item_id for n in needs}, levels__quantity__gt=0)
    places = {pk: (name, lat, lon) for pk, name, lat, lon in
              holding.order_by().distinct().values_list("pk", "name", "lat", "lon")}
    totals: dict = {}
    for (_depot, item), quantity in balances.items():
        totals[item] = totals.get(item, 0) + quantity
    found = []
    for need in needs:
        found += _depots_for(need, balances, places, scene, rules)
    return found, totals


def _depots_for(need, balances, places, scene, rules) -> list[dict]:
    held = [(distance_m(scene, *places[d][1:]), d, q) for (d, item), q in balances.items()
            if item == need.item_id and d in places]
    held.sort(key=lambda row: (_last(row[0]), row[1]))
    return [candidate(depot, places[depot][0], metres, "supply", rules,
                      why.balance(quantity, need.unit_of_measure, need.name),
                      item_id=need.item_id, balance=why.amount(quantity), requirement=need.name)
            for metres, depot, quantity in held[:rules.candidates]]


def _last(value):
    return float("inf") if value is None else value
