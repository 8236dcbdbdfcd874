"""Decision support (辅助决策): from an incident and the plan's requirements at the response level to the
nearest available resources, each with the reasons, and the shortfalls the county must ask the city for.

    advise(incident, plan=None, level=None, radius_m=None, busy=()) -> Advice

Without a plan, the applicable plan is the effective one covering the incident's event type; without a level,
the one matching the incident's grade. Teams on an active dispatch order are left out: `busy` takes id
collections or querysets of team ids, and `register_busy_teams(fn)` adds a source asked on every call
(`fn()` returns team ids or a queryset of them), e.g. in CommandConfig.ready():
`register_busy_teams(lambda: DispatchOrder.objects.filter(status__in=OPEN).values("team_id"))`.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from countydesk.base.errors import ValidationFailed
from countydesk.registry.plans.choices import ResourceKind

from ..rules.advice import advice_rules
from . import candidates, places, shortfalls
from .needs import check_level, default_needs, plan_and_level, plan_needs

MAX_RADIUS_M = 100_000
_BUSY_SOURCES = []


def register_busy_teams(source):
    """Add a source of team ids that are not available (on an active order)."""
    _BUSY_SOURCES.append(source)


@dataclass
class Advice:
    incident: object
    plan: object
    level: str | None
    radius_m: int
    teams: list = field(default_factory=list)
    experts: list = field(default_factory=list)
    depots: list = field(default_factory=list)
    shelters: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    hazards: list = field(default_factory=list)
    shortfalls: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def as_json(self) -> dict:
        plan = self.plan and {"id": self.plan.pk, "title": self.plan.title}
        return {"incident": {"id": self.incident.pk, "title": self.incident.title}, "plan": plan, "level": self.level,
                "radius_m": self.radius_m, "teams": self.teams, "experts": self.experts, "depots": self.depots,
                "shelters": self.shelters, "targets": self.targets, "hazards": self.hazards,
                "shortfalls": self.shortfalls, "notes": self.notes}


def scene_of(incident):
    """(lat, lon) of the incident, else of its township, else None."""
    if incident.lat is not None and incident.lon is not None:
        return incident.lat, incident.lon
    township = incident.township
    if township is not None and township.lat is not None and township.lon is not None:
        return township.lat, township.lon
    return None


def _radius(radius_m, rules) -> int:
    if radius_m in (None, ""):
        return rules.radius_m
    if not isinstance(radius_m, int) or not 0 < radius_m <= MAX_RADIUS_M:
        raise ValidationFailed(_("The radius must be a whole number of metres from 1 to %d.") % MAX_RADIUS_M,
                               fields={"radius_m": [_("Out of range.")]})
    return radius_m


def advise(incident, plan=None, level=None, radius_m=None, busy=()) -> Advice:
    """The decision-support answer for `incident` (read only: nothing is changed)."""
    rules = advice_rules()
    plan, level = plan_and_level(incident, plan, check_level(level))
    advice = Advice(incident, plan, level, _radius(radius_m, rules))
    needs = plan_needs(advice.plan, advice.level) if advice.plan else default_needs(incident)
    _note(advice, needs)
    scene = scene_of(incident)
    busy = [*busy, *(source() for source in _BUSY_SOURCES)]
    found = {}
    for need in (n for n in needs if n.matchable and n.kind != ResourceKind.SUPPLY):
        listed = (candidates.teams(need, scene, rules, busy) if need.kind == ResourceKind.TEAM
                  else candidates.experts(need, scene, rules))
        found[need] = len(listed)
        _merge(advice.teams if need.kind == ResourceKind.TEAM else advice.experts, listed)
    supply = [n for n in needs if n.matchable and n.kind == ResourceKind.SUPPLY]
    advice.depots, totals = candidates.depots(supply, scene, rules) if supply else ([], {})
    advice.shortfalls = shortfalls.collect(needs, found, totals)
    advice.shelters = places.shelters(scene, rules, advice.radius_m)
    advice.targets = places.targets(scene, advice.radius_m)
    advice.hazards = places.hazards(scene, advice.radius_m)
    return advice


def _merge(into: list, listed: list):
    """Add candidates; a team matching two requirements is listed once, naming both."""
    seen = {c["id"]: c for c in into}
    for c in listed:
        if c["id"] in seen:
            seen[c["id"]]["requirement"] += "、" + c["requirement"]
        else:
            into.append(c)


def _note(advice, needs):
    if advice.plan is None:
        advice.notes.append(_("No effective plan covers this incident's event type; matching its type alone."))
    elif not needs:
        advice.notes.append(_("The plan names no resources at this response level."))
    if scene_of(advice.incident) is None:
        advice.notes.append(_("The incident has no position: distances and times cannot be estimated."))
