"""The command API (/api/command/...): one router, each concept's endpoints in a module of its own."""

from ninja import Router

router = Router(tags=["command"])
from .advice import router as advice_router  # noqa: E402  (its own Router: no import cycle)
router.add_router("", advice_router)
