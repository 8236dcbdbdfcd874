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


class Distribution(models.TextChoices):
    """How a recipient stands to the office, as the distribution record (版记) lists it."""

    REPORT = "report", _("报 (higher authorities)")
    SEND = "send", _("送 (leaders and peers)")
    ISSUE = "issue", _("发 (units below)")
