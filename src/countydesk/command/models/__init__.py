"""Command and dispatch records, one module per concept; each is imported here so Django finds it."""
from .evaluation import *  # noqa: F401,F403
from .orders import *  # noqa: F401,F403
from .advice import *  # noqa: F401,F403
from .responses import *  # noqa: F401,F403
from .allocations import *  # noqa: F401,F403
from .requisitions import *  # noqa: F401,F403
