"""What the response needs (资源需求): the plan's requirements at the response level, or, without a plan,
one team and one expert for the incident's event type. The plan is the incident's active response's, or the
one the plans chapter suggests for it."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from countydesk.base.errors import ValidationFailed
from countydesk.core.taxonomy import EVENT_TYPES
from countydesk.registry.plans.applicability import suggest
from countydesk.registry.plans.choices import ResourceKind, ResponseLevel
from countydesk.registry.plans.rules import response_level_for

from ..models.responses import ResponseStatus

@dataclass(frozen=True)
class Need:
    kind: str                 # team / expert / supply
    name: str
    quantity: Decimal
    unit_of_measure: str
    team_kind: str = ""
    capability: str = ""
    item_id: int | None = None
    id: int | None = None     # the ResourceRequirement row, None for the plan-less default

    @property
    def matchable(self) -> bool:
        return self.item_id is not None if self.kind == ResourceKind.SUPPLY else bool(self.capability)


def plan_and_level(incident, plan=None, level=None):
    """The plan and level advised on: as asked; else the incident's active response; else the first plan
    suggested for it (registry.plans.applicability) at its suggested level. (None, None) when none applies."""
    if plan is not None:
        return plan, level or response_level_for(incident.grade)
    response = incident.responses.filter(status=ResponseStatus.ACTIVE).select_related("plan").first()
    if response is not None:
        return response.plan, level or response.level
    suggestions = suggest(incident)
    if not suggestions:
        return None, level
    return suggestions[0].plan, level or suggestions[0].level


def check_level(level) -> str | None:
    if level in (None, ""):
        return None
    if level not in ResponseLevel.values:
        raise ValidationFailed(_("Unknown response level."), fields={"level": [
            _("Choose one of %s.") % ", ".join(ResponseLevel.values)]})
    return level


def plan_needs(plan, level: str) -> list[Need]:
    rows = plan.resources.filter(level=level).order_by("kind", "pk")
    return [Need(r.kind, r.name, r.quantity, r.unit_of_measure, r.team_kind, r.capability, r.item_id, r.pk)
            for r in rows]


def default_needs(incident) -> list[Need]:
    """Without a plan: one team and one expert able to handle the incident's event type."""
    event = EVENT_TYPES.get(incident.type_code)
    if event is None:
        return []
    return [Need(ResourceKind.TEAM, _("Team for %s") % event.name, Decimal(1), _("team"), capability=event.code),
            Need(ResourceKind.EXPERT, _("Expert in %s") % event.name, Decimal(1), _("person"),
                 capability=event.code)]
