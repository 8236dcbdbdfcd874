"""Decision-support rules (辅助决策规则), read in one go per answer. Read on every answer, so they are cached
in the process for RULE_TTL seconds and dropped at once when a row is saved or deleted in this process."""

import time
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save

from django.utils.translation import gettext as _

from countydesk.base.errors import NotFound

from ..models.advice import AdviceRule, TravelSpeed

KEYS = ("radius_m", "detour_percent", "candidates")
RULE_TTL = 30.0
_cache: dict[str, tuple[float, object]] = {}


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


def clear_cache(*args, **kwargs):
    _cache.clear()


for _model in (AdviceRule, TravelSpeed):
    post_save.connect(clear_cache, sender=_model, dispatch_uid=f"command-advice-rules-{_model.__name__}")
    post_delete.connect(clear_cache, sender=_model, dispatch_uid=f"command-advice-rules-del-{_model.__name__}")


def advice_rules() -> AdviceRules:
    """The decision-support numbers an administrator edits (AdviceRule rows and TravelSpeed rows)."""
    hit = _cache.get("rules")
    if hit and time.monotonic() - hit[0] < RULE_TTL:
        return hit[1]
    _cache["rules"] = (time.monotonic(), _load())
    return _cache["rules"][1]


def _load() -> AdviceRules:
    values = dict(AdviceRule.objects.filter(key__in=KEYS).values_list("key", "value"))
    missing = [key for key in KEYS if key not in values]
    if missing:
        raise NotFound(_("Rule %s is missing; restore it in the administration pages.") % missing[0])
    speeds = dict(TravelSpeed.objects.values_list("mode", "speed_kmh"))
    return AdviceRules(values["radius_m"], values["detour_percent"], values["candidates"], speeds)
