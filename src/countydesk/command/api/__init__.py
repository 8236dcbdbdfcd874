"""The command API (/api/command/...): one router, each concept's endpoints in a module of its own."""

from ninja import Router

router = Router(tags=["command"])
from . import stock  # noqa: E402,F401
