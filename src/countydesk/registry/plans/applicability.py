"""Which plans apply to an incident and at which response level (预案适用性研判), each with its reason.

`suggest(incident)` reads only the incident's `type_code`, `grade` and `township_id`, so the plans chapter
does not import the incidents chapter. Plans in force covering the incident's event type come first (special,
then joint, department and the township's own plan), the overall plan (总体应急预案) last as the frame for any
type. The level is the rule table's level for the grade (ResponseLevelRule); a plan without that level gets
its nearest level, and the reason says so."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from countydesk.core.taxonomy import EVENT_TYPES

from . import rules
from .choices import EFFECTIVE, PlanKind, ResponseLevel
from .models import Plan, PlanResponse

LEVELS = [ResponseLevel.I, ResponseLevel.II, ResponseLevel.III, ResponseLevel.IV]  # highest first
GRADE_NUMERALS = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ"}
KIND_ORDER = [PlanKind.SPECIAL, PlanKind.JOINT, PlanKind.DEPARTMENT, PlanKind.TOWNSHIP, PlanKind.OVERALL]


@dataclass(frozen=True)
class Suggestion:
    plan: Plan
    level: str  # ResponseLevel
    trigger: str  # the plan's trigger text at that level ("" when the plan states none)
    reason: str

    @property
    def level_label(self) -> str:
        return str(ResponseLevel(self.level).label)


def _candidates(incident):
    plans = Plan.objects.filter(status__in=EFFECTIVE, kind__in=KIND_ORDER).select_related("owner", "lead_unit") \
        .prefetch_related("event_types", Prefetch("responses", PlanResponse.objects.order_by("level")))
    for plan in plans:
        if plan.kind == PlanKind.OVERALL:
            yield plan
        elif plan.kind == PlanKind.TOWNSHIP and plan.owner_id != incident.township_id:
            continue
        elif incident.type_code and incident.type_code in plan.type_codes:
            yield plan


def _nearest(levels: set[str], wanted: str) -> str:
    """The plan's level closest to `wanted`, the higher one on a tie (respond more, not less)."""
    rank = LEVELS.index(wanted)
    return min(levels, key=lambda level: (abs(LEVELS.index(level) - rank), LEVELS.index(level)))


def _reason(plan, incident, wanted: str, level: str, trigger: str) -> str:
    grade = GRADE_NUMERALS.get(incident.grade, str(incident.grade))
    if plan.kind == PlanKind.OVERALL:
        covers = _("the overall plan frames the response to any incident")
    else:
        event_type = EVENT_TYPES[incident.type_code]
        covers = _("the plan covers event type %(code)s %(name)s") % {"code": event_type.code, "name": event_type.name}
    parts = [covers, _("grade %(grade)s incident → level %(level)s response by the rule table")
             % {"grade": grade, "level": ResponseLevel(wanted).label}]
    if level != wanted:
        parts.append(_("the plan has no level %(wanted)s; its nearest is %(level)s")
                     % {"wanted": ResponseLevel(wanted).label, "level": ResponseLevel(level).label})
    if trigger:
        parts.append(_("trigger: %s") % trigger)
    return "；".join(parts)


def _suggestion(plan, incident, wanted: str) -> Suggestion:
    triggers = {r.level: r.trigger for r in plan.responses.all()}
    level = wanted if wanted in triggers or not triggers else _nearest(set(triggers), wanted)
    trigger = triggers.get(level, "")
    return Suggestion(plan, level, trigger, _reason(plan, incident, wanted, level, trigger))


def suggest(incident) -> list[Suggestion]:
    """The applicable plans in force for `incident`, most specific first, each with its level and reason."""
    wanted = rules.response_level_for(incident.grade) or LEVELS[min(max(incident.grade, 1), 4) - 1]  # row deleted: same numeral
    found = [_suggestion(plan, incident, wanted) for plan in _candidates(incident)]
    return sorted(found, key=lambda s: (KIND_ORDER.index(s.plan.kind), s.plan.title, s.plan.pk))
