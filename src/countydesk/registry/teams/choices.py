from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("Comprehensive rescue team")
    PROFESSIONAL = "professional", _("Professional team")
    PART_TIME = "part_time", _("Part-time team")
    VOLUNTEER = "volunteer", _("Volunteer team")
    MASS_ORG = "mass_org", _("Mass organisation")
    VILLAGE = "village", _("Village organisation")


class Readiness(models.TextChoices):
    READY = "ready", _("Ready")
    PARTLY = "partly", _("Partly ready")
    NOT_READY = "not_ready", _("Not ready")


class Availability(models.TextChoices):
    AVAILABLE = "available", _("Available")
    WEEKENDS = "weekends", _("Weekends and evenings")
    ON_CALL = "on_call", _("On call only")
    UNAVAILABLE = "unavailable", _("Unavailable")


class TrainingKind(models.TextChoices):
    TRAINING = "training", _("Training")
    DRILL = "drill", _("Drill")
