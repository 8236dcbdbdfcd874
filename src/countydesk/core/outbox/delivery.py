"""The worker's side of the outbox: claim a due message, hand it to its channel outside any transaction,
record the outcome; failures wait twice as long each time, and after the last attempt the message is dead."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from countydesk.accounts.system import SYSTEM
from countydesk.audit.services import record

from .channels import automatic_channels, channel
from .choices import OPEN_STATES, MessageState
from .models import OutboxAttempt, OutboxMessage


def max_attempts() -> int:
    return settings.OUTBOX_MAX_ATTEMPTS


def backoff(attempts: int) -> timedelta:
    """Wait after the `attempts`-th failure: the base delay doubled each time (2, 4, 8 … minutes)."""
    return timedelta(seconds=settings.OUTBOX_BACKOFF_SECONDS * 2 ** attempts)


def due(now=None):
    """Messages the worker should try now: open ones whose time has come, and unconfigured ones once their
    channel has a real transport."""
    now = now or timezone.now()
    return OutboxMessage.objects.filter(
        Q(state__in=OPEN_STATES, channel__in=automatic_channels())
        | Q(state=MessageState.UNCONFIGURED, channel__in=automatic_channels(ready=True)),
        next_attempt_at__lte=now)


def deliver_due(now=None, limit: int = 100) -> int:
    """Try every due message once; returns how many a real transport accepted."""
    now = now or timezone.now()
    ids = list(due(now).order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    return sum(attempt(pk, now) for pk in ids)


def attempt(pk: int, now=None) -> bool:
    """One delivery attempt of message `pk` if it is due; True when a real transport accepted it."""
    now = now or timezone.now()
    message = _claim(pk, now)
    if message is None:
        return False
    adapter = channel(message.channel)
    ready = adapter.ready()
    try:
        adapter.send(message)
    except Exception as exc:  # noqa: BLE001 - any refusal of the transport is recorded and retried
        _failed(pk, now, str(exc) or type(exc).__name__)
        return False
    if not ready:
        _unconfigured(pk, now, str(adapter.not_ready_reason))
        return False
    _sent(pk, now)
    return True


@transaction.atomic
def _claim(pk: int, now) -> OutboxMessage | None:
    """Take the message for one attempt: pushing its next attempt past a lease keeps another worker off it
    while it is sent outside this transaction (if this worker dies, the lease runs out and it is tried again)."""
    message = due(now).select_for_update().filter(pk=pk).first()
    if message is None:
        return None
    message.next_attempt_at = now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    message.save(update_fields=["next_attempt_at"])
    return message


def _locked(pk: int) -> OutboxMessage:
    return OutboxMessage.objects.select_for_update().get(pk=pk)


@transaction.atomic
def _sent(pk: int, now):
    message = _locked(pk)
    message.attempts += 1
    message.state, message.sent_at, message.last_error = MessageState.SENT, now, ""
    message.save(update_fields=["attempts", "state", "sent_at", "last_error"])
    OutboxAttempt.objects.create(message=message, at=now, ok=True)
    record(SYSTEM, "outbox.delivered", message, after={"recipient": message.recipient, "attempt": message.attempts})


@transaction.atomic
def _failed(pk: int, now, error: str):
    message = _locked(pk)
    message.attempts += 1
    message.last_error = error[:500]
    message.state = MessageState.DEAD if message.attempts >= max_attempts() else MessageState.RETRYING
    message.next_attempt_at = now + backoff(message.attempts)
    message.save(update_fields=["attempts", "last_error", "state", "next_attempt_at"])
    OutboxAttempt.objects.create(message=message, at=now, ok=False, error=message.last_error)
    record(SYSTEM, "outbox.dead" if message.state == MessageState.DEAD else "outbox.attempt_failed", message,
           after={"attempts": message.attempts, "error": error[:200]})


@transaction.atomic
def _unconfigured(pk: int, now, reason: str):
    """Accepted only by a backend that keeps mail on this machine (the console): not sent, and not counted
    as a failed attempt; the message goes out once a real transport is configured."""
    message = _locked(pk)
    message.state, message.last_error = MessageState.UNCONFIGURED, reason[:500]
    message.save(update_fields=["state", "last_error"])
    OutboxAttempt.objects.create(message=message, at=now, ok=False, error=message.last_error)
    record(SYSTEM, "outbox.unconfigured", message, after={"channel": message.channel})
