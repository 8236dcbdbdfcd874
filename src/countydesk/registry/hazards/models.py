"""Hazard sources (危险源/风险点), their inspections, and hidden dangers (隐患) with rectification deadlines."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from countydesk.orgs.models import Unit
from countydesk.core.records import NumberRule
from countydesk.registry.teams.models import Located

from .choices import DangerStatus, HazardKind, Level

UNRESOLVED = [DangerStatus.OPEN, DangerStatus.RECTIFYING]


class Hazard(Located):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=HazardKind.choices)
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="hazards",
                             verbose_name=_("responsible unit"))
    monitoring = models.TextField(_("monitoring notes"), blank=True)

    class Meta:
        ordering = ["-level", "name"]  # major (重大) first
        verbose_name = _("hazard source")
        verbose_name_plural = _("hazard sources")
        indexes = [models.Index(fields=["lat", "lon"], name="hazard_position")]  # nearest-first searches (辅助决策)

    def __str__(self):
        return self.name


class Inspection(models.Model):
    hazard = models.ForeignKey(Hazard, on_delete=models.CASCADE, related_name="inspections",
                               verbose_name=_("hazard source"))
    date = models.DateField(_("date"))
    inspector = models.CharField(_("inspector"), max_length=100)
    findings = models.TextField(_("findings"), blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self):
        return f"{self.hazard} {self.date}"


class HiddenDanger(models.Model):
    hazard = models.ForeignKey(Hazard, on_delete=models.CASCADE, related_name="dangers",
                               verbose_name=_("hazard source"))
    description = models.CharField(_("description"), max_length=300)
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    found_on = models.DateField(_("found on"))
    deadline = models.DateField(_("rectification deadline"), db_index=True)
    measures = models.TextField(_("rectification measures"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=DangerStatus.choices, default=DangerStatus.OPEN,
                              db_index=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["deadline"]
        verbose_name = _("hidden danger")
        verbose_name_plural = _("hidden dangers")

    def __str__(self):
        return self.description


class HazardRule(NumberRule):
    class Meta(NumberRule.Meta):
        verbose_name = _("hazard rule")
        verbose_name_plural = _("hazard rules")
