"""Writing to the outbox: queue a message inside the change that causes it; retry a dead one; record a
delivery made by hand."""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.audit.services import record
from countydesk.base.errors import Conflict, ValidationFailed

from .channels import CHANNELS, channel
from .choices import MessageState
from .models import OutboxAttachment, OutboxAttempt, OutboxMessage
from .tasks import deliver_message


def enqueue(channel_name: str, recipient: str, subject: str, body: str = "", *, key: str, source=None,
            source_label: str = "", actor=None, recipient_name: str = "", attachments=(), payload=None
            ) -> OutboxMessage:
    """Queue one message in the caller's transaction (it is rolled back with it) and have the worker deliver
    it after commit. `key` names the delivery: queueing the same key again returns the first message.
    `attachments`: (filename, content bytes, mimetype)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("enqueue() belongs inside the transaction of the change that causes the message")
    if channel_name not in CHANNELS:
        raise ValueError(f"unknown outbox channel {channel_name!r}")
    existing = OutboxMessage.objects.filter(key=key).first()
    if existing is not None:
        return existing
    message = OutboxMessage(
        key=key[:200], channel=channel_name, recipient=recipient[:200], recipient_name=recipient_name[:80],
        subject=subject[:200], body=body, payload=payload or {}, next_attempt_at=timezone.now(), actor=_user(actor),
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=source.pk if source is not None else None, source_label=(source_label or str(source or ""))[:200])
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:  # the same key queued at the same moment by another transaction
        return OutboxMessage.objects.get(key=key)
    OutboxAttachment.objects.bulk_create(OutboxAttachment(message=message, filename=name, content=content,
                                                          mimetype=mimetype) for name, content, mimetype in attachments)
    _kick(message)
    return message


def _user(actor):
    return actor if getattr(actor, "pk", None) and getattr(actor, "_meta", None) else None


def _kick(message: OutboxMessage):
    if channel(message.channel).automatic:
        transaction.on_commit(partial(deliver_message, message.pk), robust=True)


@transaction.atomic
def do_retry_message(actor, message: OutboxMessage) -> OutboxMessage:
    """Try a dead message once more, now (重新发送)."""
    require(actor, "outbox.retry")
    message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if message.state != MessageState.DEAD:
        raise Conflict(_("Only a message that has failed for good can be retried."))
    message.state, message.next_attempt_at = MessageState.PENDING, timezone.now()
    message.save(update_fields=["state", "next_attempt_at"])
    record(actor, "outbox.retry", message, before={"state": MessageState.DEAD}, after={"state": message.state})
    _kick(message)
    return message


def record_manual_outcome(actor, message: OutboxMessage, sent: bool, note: str = "") -> OutboxMessage:
    """A message sent by hand (a fax): the outcome the clerk reports. Called inside the chapter's own service,
    which checks the actor."""
    message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if channel(message.channel).automatic or message.state == MessageState.SENT:
        raise ValidationFailed(_("Only an unsent message sent by hand can be recorded."),
                               fields={"message": [_("Not waiting to be sent by hand.")]})
    now = timezone.now()
    message.attempts += 1
    message.state = MessageState.SENT if sent else MessageState.RETRYING
    message.sent_at, message.last_error = (now, "") if sent else (None, note[:500])
    message.save(update_fields=["attempts", "state", "sent_at", "last_error"])
    OutboxAttempt.objects.create(message=message, at=now, ok=sent, error=message.last_error)
    record(actor, "outbox.recorded", message, after={"state": message.state, "note": note[:300]})
    return message
