"""Models of the floor: live-update events (core.events.models) and the outbox (core.outbox.models)."""

from .events.models import Event  # noqa: F401
from .outbox.models import OutboxAttachment, OutboxAttempt, OutboxMessage  # noqa: F401
