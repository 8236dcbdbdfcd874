"""The command API (/api/command/...): one router (`routes.router`), each concept's endpoints in a module of its
own, imported here so that the router carries them all."""

from . import evaluation  # noqa: F401
from .routes import router  # noqa: F401
