from django.db import models
from django.utils.translation import gettext_lazy as _


class ShelterStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FULL = "full", _("Full")
    CLOSED = "closed", _("Closed")


class TargetKind(models.TextChoices):
    SCHOOL = "school", _("School")
    HOSPITAL = "hospital", _("Hospital")
    CARE_HOME = "care_home", _("Care home")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    OTHER = "other", _("Other")
