"""Decision-support rule tables (辅助决策规则): the search radius and candidate counts, the detour factor, and
the travel speed of each team kind (and of experts and supply trucks) from which an ETA is estimated."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from countydesk.base.rules import NumberRule
from countydesk.registry.teams.choices import TeamKind

__all__ = ["AdviceRule", "TravelSpeed", "TRAVEL_MODES"]

# What moves to the scene: a team of a kind, an expert, or a supply truck from a depot.
TRAVEL_MODES = [*TeamKind.choices, ("expert", _("Expert")), ("supply", _("Supply transport"))]


class AdviceRule(NumberRule):
    """Numbers of decision support: radius in metres, detour factor in percent, candidates per requirement."""

    class Meta(NumberRule.Meta):
        verbose_name = _("decision-support rule")
        verbose_name_plural = _("decision-support rules")


class TravelSpeed(models.Model):
    """Average travel speed (km/h) of one mode on the straight-line estimate (行进速度)."""

    mode = models.CharField(_("travel mode"), max_length=20, choices=TRAVEL_MODES, unique=True)
    speed_kmh = models.PositiveSmallIntegerField(_("speed (km/h)"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["mode"]
        verbose_name = _("travel speed")
        verbose_name_plural = _("travel speeds")

    def __str__(self):
        return f"{self.get_mode_display()} {self.speed_kmh} km/h"
