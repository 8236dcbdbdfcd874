"""Where the current request came from, for audit rows written deep inside services."""

from contextvars import ContextVar

client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)
