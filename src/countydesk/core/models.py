"""Models of the floor: the outbox (core.outbox.models)."""

from .outbox.models import OutboxAttachment, OutboxAttempt, OutboxMessage  # noqa: F401
