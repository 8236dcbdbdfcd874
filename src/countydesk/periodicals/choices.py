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
