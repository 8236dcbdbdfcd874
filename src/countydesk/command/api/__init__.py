"""The command API (/api/command/...): one router mounting each concept's own router (a module's endpoints in a
module of its own; the package imports them, they never import the package)."""

from ninja import Router

from . import advice, evaluation, orders, responses, stock

router = Router(tags=["command"])
for _module in (advice, evaluation, orders, responses, stock):
    router.add_router("", _module.router)
