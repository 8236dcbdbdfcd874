"""Huey finds tasks in each app's `tasks` module: the floor's are the outbox worker's."""

from .outbox.tasks import deliver_message, sweep_outbox  # noqa: F401
