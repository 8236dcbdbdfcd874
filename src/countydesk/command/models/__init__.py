"""Command and dispatch records, one module per concept; each is imported here so Django finds it."""
from .responses import *  # noqa: F401,F403
