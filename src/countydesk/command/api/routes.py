"""The command API's one router (/api/command/...); each concept's module adds its endpoints to it."""

from ninja import Router

router = Router(tags=["command"])
