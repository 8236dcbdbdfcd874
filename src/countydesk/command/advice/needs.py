"""What the response needs (资源需求): the plan's requirements at the response level, or, without a plan,
one team and one expert for the incident's event type. The plan fallback here is deliberately small: the
active plans covering the incident's type, the response level from its grade."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from countydesk.base.errors import ValidationFailed
from countydesk.core.taxonomy import EVENT_TYPES
from countydesk.registry.plans.choices import EFFECTIVE, PlanKind, ResourceKind, ResponseLevel
from countydesk.registry.plans.models import Plan

GRADE_LEVEL = {1: ResponseLevel.I, 2: ResponseLevel.II, 3: ResponseLevel.III, 4: ResponseLevel.IV}


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


def applicable_plan(incident):
    """The effective plan covering the incident's event type: a special plan before a department plan before
    the overall plan, county level first. None when there is none."""
    if not incident.type_code:
        return None
    preference = Case(When(kind=PlanKind.SPECIAL, then=Value(0)), When(kind=PlanKind.DEPARTMENT, then=Value(1)),
                      When(kind=PlanKind.OVERALL, then=Value(2)), default=Value(3), output_field=IntegerField())
    return (Plan.objects.filter(status__in=EFFECTIVE, event_types__code=incident.type_code)
            .annotate(preference=preference).order_by("preference", "level", "-version", "pk").first())


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
