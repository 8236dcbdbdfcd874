"""One table of messages leaving the platform, their attempts and attachments."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .channels import CHANNELS
from .choices import MessageState


class OutboxMessage(models.Model):
    """One delivery to one recipient by one channel; `key` makes queueing it twice a no-op, `uuid` lets the
    receiver drop repeats (发件箱消息)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    channel = models.CharField(_("channel"), max_length=20)
    recipient = models.CharField(_("recipient"), max_length=200)
    recipient_name = models.CharField(_("recipient name"), max_length=80, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=MessageState.choices, default=MessageState.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    created = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(_("caused by"), max_length=200, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("queued by"))

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["source_type", "source_id"]), models.Index(fields=["state", "next_attempt_at"])]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")

    def __str__(self):
        return f"{self.subject} → {self.recipient}"

    @property
    def channel_label(self):
        adapter = CHANNELS.get(self.channel)
        return adapter.label if adapter else self.channel

    @property
    def message_id(self) -> str:
        """The Message-ID header the receiver de-duplicates on (a message moved from an older table keeps its own)."""
        return self.payload.get("message_id") or f"<{self.uuid}@countydesk>"


class OutboxAttempt(models.Model):
    """One try to hand a message to its transport, and what the transport said (投递记录)."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attempt_log")
    at = models.DateTimeField(_("at"))
    ok = models.BooleanField(_("accepted"))
    error = models.CharField(_("error"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")


class OutboxAttachment(models.Model):
    """A file sent with a message (the periodical's .docx), stored as sent."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    mimetype = models.CharField(max_length=120)
    content = models.BinaryField()

    class Meta:
        verbose_name = _("outbox attachment")
        verbose_name_plural = _("outbox attachments")
