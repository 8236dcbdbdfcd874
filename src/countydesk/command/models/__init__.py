"""Command and dispatch records, one module per concept; each is imported here so Django finds it."""
from .allocations import *  # noqa: F401,F403
from .requisitions import *  # noqa: F401,F403
