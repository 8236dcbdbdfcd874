"""Command and dispatch records, one module per concept; each is imported here so Django finds it."""
from .advice import *  # noqa: F401,F403
