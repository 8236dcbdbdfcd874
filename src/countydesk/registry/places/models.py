"""Shelters (避难场所) and protected targets (防护目标: schools, hospitals, care homes)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from countydesk.geo import GeoJSONError, check_polygon

from countydesk.orgs.models import Unit, validate_phone
from countydesk.core.records import NumberRule
from countydesk.registry.teams.models import Located

from .choices import ShelterStatus, TargetKind


class Shelter(Located):
    name = models.CharField(_("name"), max_length=100)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="shelters", verbose_name=_("managing unit"))
    capacity = models.PositiveIntegerField(_("capacity (people)"))
    area_m2 = models.PositiveIntegerField(_("area (m²)"), default=0)
    facilities = models.CharField(_("facilities"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=ShelterStatus.choices, default=ShelterStatus.OPEN,
                              db_index=True)
    manager_phone = models.CharField(_("manager phone"), max_length=30, blank=True, validators=[validate_phone])

    class Meta:
        ordering = ["name"]
        verbose_name = _("shelter")
        verbose_name_plural = _("shelters")
        indexes = [models.Index(fields=["lat", "lon"], name="shelter_position")]  # nearest-first searches (辅助决策)

    def __str__(self):
        return self.name


class ProtectedTarget(Located):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=14, choices=TargetKind.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="protected_targets",
                             verbose_name=_("unit"))
    population = models.PositiveIntegerField(_("population"), default=0)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])

    class Meta:
        ordering = ["name"]
        verbose_name = _("protected target")
        verbose_name_plural = _("protected targets")
        indexes = [models.Index(fields=["lat", "lon"], name="protected_target_position")]  # nearest-first searches (辅助决策)

    def __str__(self):
        return self.name


def validate_polygon(value):
    try:
        check_polygon(value)
    except GeoJSONError as exc:
        raise ValidationError(_("Not a GeoJSON polygon: %(error)s"), params={"error": exc}) from exc


class Boundary(models.Model):
    """A unit's administrative boundary (行政区划界线) for the map, a GeoJSON Polygon in WGS-84."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="boundary", verbose_name=_("unit"))
    geometry = models.JSONField(_("boundary (GeoJSON polygon)"), validators=[validate_polygon])
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit__path"]
        verbose_name = _("boundary")
        verbose_name_plural = _("boundaries")

    def __str__(self):
        return self.unit.name


class PlaceRule(NumberRule):
    class Meta(NumberRule.Meta):
        verbose_name = _("shelter rule")
        verbose_name_plural = _("shelter rules")
