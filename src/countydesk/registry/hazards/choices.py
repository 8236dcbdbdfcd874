from django.db import models
from django.utils.translation import gettext_lazy as _


class HazardKind(models.TextChoices):
    RESERVOIR = "reservoir", _("Reservoir or dam")
    LANDSLIDE = "landslide", _("Landslide or geological hazard point")
    FLOOD = "flood", _("Flood-prone area")
    CHEMICAL = "chemical", _("Hazardous chemicals")
    MINE = "mine", _("Mine")
    FOREST = "forest", _("Forest fire risk area")
    CROWD = "crowd", _("Crowded place")
    OTHER = "other", _("Other")


class Level(models.TextChoices):
    MAJOR = "major", _("Major")
    GENERAL = "general", _("General")


class DangerStatus(models.TextChoices):
    OPEN = "open", _("Awaiting rectification")
    RECTIFYING = "rectifying", _("Being rectified")
    CLOSED = "closed", _("Rectified, awaiting verification")
    VERIFIED = "verified", _("Verified")
