"""Decision-support rules (辅助决策规则), read in one go per answer: two small queries."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from countydesk.base.errors import NotFound

from ..models.advice import AdviceRule, TravelSpeed

KEYS = ("radius_m", "detour_percent", "candidates")


@dataclass(frozen=True)
class AdviceRules:
    radius_m: int          # targets and hazards within this distance of the scene (影响范围)
    detour_percent: int    # road distance ÷ straight-line distance, in percent (绕行系数)
    candidates: int        # candidates listed per requirement
    speeds: dict           # travel mode (team kind, "expert", "supply") → km/h

    def speed_kmh(self, mode: str) -> int:
        if mode not in self.speeds:
            raise NotFound(_("Travel speed for %s is missing; restore it in the administration pages.") % mode)
        return self.speeds[mode]


def advice_rules() -> AdviceRules:
    """The decision-support numbers an administrator edits (AdviceRule rows and TravelSpeed rows)."""
    values = dict(AdviceRule.objects.filter(key__in=KEYS).values_list("key", "value"))
    missing = [key for key in KEYS if key not in values]
    if missing:
        raise NotFound(_("Rule %s is missing; restore it in the administration pages.") % missing[0])
    speeds = dict(TravelSpeed.objects.values_list("mode", "speed_kmh"))
    return AdviceRules(values["radius_m"], values["detour_percent"], values["candidates"], speeds)
