"""What `countydesk serve` runs (granian, ASGI): the WSGI application's pages plus the live event streams."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "countydesk.settings")

from countydesk.wsgi import application as wsgi_application  # noqa: E402  (sets Django up)
from countydesk.core.events.asgi import with_event_streams  # noqa: E402

application = with_event_streams(wsgi_application)
