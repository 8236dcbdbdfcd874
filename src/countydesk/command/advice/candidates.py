"""Ranked candidates for each requirement (候选资源): teams by readiness and ETA among those whose capabilities
match, experts by availability and distance among those whose specialties match, depots by distance among
those holding a free balance of the item. The database orders and limits; Python measures the few returned."""

from django.db.models import Case, F, FloatField, IntegerField, Value, When

from countydesk.registry.supplies.models import Depot
from countydesk.registry.supplies.services import free_balances
from countydesk.registry.teams.choices import Availability, Readiness, TeamKind
from countydesk.registry.teams.models import Expert, Team

from . import why
from .eta import distance_m, eta_min, planar_square

READINESS_RANK = Case(When(readiness=Readiness.READY, then=Value(0)), default=Value(1), output_field=IntegerField())
AVAILABILITY_RANK = Case(When(availability=Availability.AVAILABLE, then=Value(0)),
                         When(availability=Availability.ON_CALL, then=Value(1)), default=Value(2),
                         output_field=IntegerField())


def listing(need, rules) -> int:
    """How many rows to fetch: enough to fill the need and to show the rule's number of candidates."""
    return max(rules.candidates, int(-(-need.quantity // 1)))


def candidate(pk, name, metres, mode, rules, *reasons, **extra) -> dict:
    minutes = eta_min(metres, mode, rules)
    rounded = None if metres is None else round(metres)
    return {"id": pk, "name": name, "distance_m": rounded, "eta_min": None if minutes is None else round(minutes, 1),
            "why": why.listed(*reasons[:1], why.distance(metres), why.eta(minutes), *reasons[1:]), **extra}


def _travel_cost(scene, rules):
    """Squared straight-line distance ÷ squared speed of the team's kind: orders like the ETA does."""
    weight = Case(*[When(kind=kind, then=Value(1.0 / rules.speed_kmh(kind) ** 2)) for kind in TeamKind.values],
                  default=Value(1.0), output_field=FloatField())
    return planar_square(scene) * weight


def teams(need, scene, rules, busy=()) -> list[dict]:
    """Ready, then partly ready teams able to handle the event type (and of the kind, when named), soonest first.
    Teams not ready or on an active order (`busy`: id collections or querysets of ids) are left out."""
    rows = Team.objects.filter(capabilities__icontains=f'"{need.capability}"').exclude(readiness=Readiness.NOT_READY)
    if need.team_kind:
        rows = rows.filter(kind=need.team_kind)
    for ids in busy:
        rows = rows.exclude(pk__in=ids)
    rows = rows.annotate(rank=READINESS_RANK)
    if scene is not None:
        rows = rows.annotate(cost=_travel_cost(scene, rules)).order_by("rank", F("cost").asc(nulls_last=True), "pk")
    else:
        rows = rows.order_by("rank", "pk")
    found = [candidate(t.pk, t.name, distance_m(scene, t.lat, t.lon), t.kind, rules, why.capability(need.capability),
                       why.readiness(t.get_readiness_display()), kind=t.kind, readiness=t.readiness,
                       requirement=need.name)
             for t in rows.only("pk", "name", "kind", "readiness", "lat", "lon")[:listing(need, rules)]]
    return sorted(found, key=lambda c: (c["readiness"] != Readiness.READY, _last(c["eta_min"]), c["id"]))


def experts(need, scene, rules) -> list[dict]:
    """Experts in the event type who can be reached (available, on call, evenings), nearest first by their unit."""
    rows = (Expert.objects.filter(specialties__icontains=f'"{need.capability}"')
            .exclude(availability=Availability.UNAVAILABLE).annotate(rank=AVAILABILITY_RANK))
    if scene is not None:
        rows = rows.annotate(cost=planar_square(scene, "unit__lat", "unit__lon"))
        rows = rows.order_by("rank", F("cost").asc(nulls_last=True), "pk")
    else:
        rows = rows.order_by("rank", "pk")
    rows = rows.values_list("pk", "name", "availability", "unit__lat", "unit__lon")[:listing(need, rules)]
    labels = dict(Availability.choices)
    return [candidate(pk, name, distance_m(scene, lat, lon), "expert", rules, why.specialty(need.capability),
                      why.availability(labels[availability]), availability=availability, requirement=need.name)
            for pk, name, availability, lat, lon in rows]


def depots(needs, scene, rules) -> tuple[list[dict], dict]:
    """Per supply need, the nearest depots holding a free balance, enough to cover the quantity and at least
    the rule's number of candidates; and the county's free total per item. Two queries for all needs."""
    balances = free_balances({n.item_id for n in needs})
    places = {pk: (name, lat, lon) for pk, name, lat, lon in
              Depot.objects.filter(pk__in={d for d, _ in balances}).values_list("pk", "name", "lat", "lon")}
    totals: dict = {}
    for (_depot, item), quantity in balances.items():
        totals[item] = totals.get(item, 0) + quantity
    found = []
    for need in needs:
        found += _depots_for(need, balances, places, scene, rules)
    return found, totals


def _depots_for(need, balances, places, scene, rules) -> list[dict]:
    held = [(distance_m(scene, *places[d][1:]), d, q) for (d, item), q in balances.items() if item == need.item_id]
    held.sort(key=lambda row: (_last(row[0]), row[1]))
    chosen, covered = [], 0
    for metres, depot, quantity in held:
        if covered >= need.quantity and len(chosen) >= rules.candidates:
            break
        covered += quantity
        chosen.append(candidate(depot, places[depot][0], metres, "supply", rules,
                                why.balance(quantity, need.unit_of_measure, need.name),
                                item_id=need.item_id, balance=why.amount(quantity), requirement=need.name))
    return chosen


def _last(value):
    return float("inf") if value is None else value
