"""Rescue teams (队伍库), their members, certificates, equipment and training; volunteers; experts (专家库)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from countydesk.core.taxonomy import EVENT_TYPES
from countydesk.orgs.models import Unit, validate_phone

from .choices import Availability, Readiness, TeamKind, TrainingKind
from countydesk.core.records import NumberRule


def validate_event_types(value):
    unknown = [c for c in value or [] if c not in EVENT_TYPES] if isinstance(value, list) else ["?"]
    if unknown:
        raise ValidationError(_("Unknown event types: %s") % ", ".join(map(str, unknown)))


class Located(models.Model):
    """A place on the map: WGS-84 latitude and longitude, both or neither."""

    address = models.CharField(_("address"), max_length=200, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True,
                            validators=[MinValueValidator(-90), MaxValueValidator(90)])
    lon = models.FloatField(_("longitude"), null=True, blank=True,
                            validators=[MinValueValidator(-180), MaxValueValidator(180)])
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def clean(self):
        if (self.lat is None) != (self.lon is None):
            raise ValidationError({"lat": _("Give both latitude and longitude, or neither.")})


class Team(Located):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=TeamKind.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="teams", verbose_name=_("home unit"))
    leader = models.CharField(_("leader"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    headcount = models.PositiveIntegerField(_("headcount"), default=0)
    readiness = models.CharField(_("readiness"), max_length=10, choices=Readiness.choices, default=Readiness.READY)
    capabilities = models.JSONField(_("capabilities (event types)"), default=list, blank=True,
                                    validators=[validate_event_types])
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("rescue team")
        verbose_name_plural = _("rescue teams")
        indexes = [models.Index(fields=["lat", "lon"], name="team_position")]  # nearest-first searches (辅助决策)

    def __str__(self):
        return self.name


class Member(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members", verbose_name=_("team"))
    name = models.CharField(_("name"), max_length=50)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    position = models.CharField(_("position"), max_length=40, blank=True)
    skills = models.CharField(_("skills"), max_length=200, blank=True)

    class Meta:
        ordering = ["team", "name"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self):
        return self.name


class Certificate(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="certificates",
                               verbose_name=_("member"))
    name = models.CharField(_("certificate"), max_length=100)
    number = models.CharField(_("number"), max_length=60, blank=True)
    expires = models.DateField(_("expires on"), db_index=True)

    class Meta:
        ordering = ["expires"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.name


class Equipment(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="equipment", verbose_name=_("team"))
    name = models.CharField(_("equipment"), max_length=100)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)

    class Meta:
        ordering = ["team", "name"]
        verbose_name = _("team equipment")
        verbose_name_plural = _("team equipment")

    def __str__(self):
        return f"{self.name} × {self.quantity}"


class Training(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("team"))
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=TrainingKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    participants = models.PositiveIntegerField(_("participants"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["-date"]
        verbose_name = _("training or drill")
        verbose_name_plural = _("trainings and drills")

    def __str__(self):
        return self.subject


class Volunteer(models.Model):
    name = models.CharField(_("name"), max_length=50)
    phone = models.CharField(_("phone"), max_length=30, validators=[validate_phone])
    skills = models.CharField(_("skills"), max_length=200, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="volunteers",
                             verbose_name=_("township"))
    availability = models.CharField(_("availability"), max_length=12, choices=Availability.choices,
                                    default=Availability.AVAILABLE)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit__path", "name"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")

    def __str__(self):
        return self.name


class Expert(models.Model):
    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(_("professional title"), max_length=60, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="experts", verbose_name=_("unit"))
    specialties = models.JSONField(_("specialties (event types)"), default=list, blank=True,
                                   validators=[validate_event_types])
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    availability = models.CharField(_("availability"), max_length=12, choices=Availability.choices,
                                    default=Availability.AVAILABLE)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self):
        return self.name


class TeamRule(NumberRule):
    class Meta(NumberRule.Meta):
        verbose_name = _("team rule")
        verbose_name_plural = _("team rules")
