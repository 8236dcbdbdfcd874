from django.db import models
from django.utils.translation import gettext_lazy as _


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Being compiled")
    PENDING = "pending", _("Awaiting sign-off")
    SIGNED = "signed", _("Signed off")
    PUBLISHED = "published", _("Sent out")


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    FAX = "fax", _("Fax")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will retry")
    GAVE_UP = "gave_up", _("Failed")
