from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    RETRYING = "retrying", _("Failed, will retry")
    SENT = "sent", _("Sent")
    UNCONFIGURED = "unconfigured", _("Not sent (no mail server configured)")
    DEAD = "dead", _("Failed, gave up")


# States the worker still tries (an unconfigured message waits until its channel has a real transport).
OPEN_STATES = (MessageState.PENDING, MessageState.RETRYING)
