"""Live updates (实时推送): services publish, open pages follow one event stream per topic.

    register_topic("incidents.desk", "incidents.desk", snapshot=desk_state, event="state")   # in ready()
    publish("incidents.desk", {"incident": incident.pk}, unit=incident.township)              # in a service
    new EventSource("{{ stream_url }}")   # stream_url("incidents.desk") == "/events/incidents.desk"

See topics.py (who sees what), publishing.py, hub.py (fan-out), relay.py (other processes), sse.py (the stream).
"""

from .publishing import publish
from .sse import stream_url
from .topics import register_topic

__all__ = ["publish", "register_topic", "stream_url"]
