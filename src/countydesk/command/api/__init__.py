"""The command API (/api/command/...): one router, each concept's endpoints in a module of its own."""

from ninja import Router

router = Router(tags=["command"])
from .stock import router as stock_router  # noqa: E402

router.add_router("", stock_router)
