"""The duty desk's live state (值班台): one cheap change counter, one JSON snapshot, an SSE stream over both.

The server runs WSGI (granian), so the stream is a StreamingHttpResponse generator that polls the change
counter about once a second and ends after STREAM_SECONDS; EventSource reconnects by itself (`retry:`).
"""

import json
import time

from django.db.models import Max, Prefetch
from django.utils import timezone

from .access import incidents_for, intakes_for
from . import rules
from .choices import OPEN_STATUSES
from .models import Deadline, TimelineEntry

STREAM_SECONDS = 55
POLL_SECONDS = 1.0
RETRY_MS = 2000


def latest_change() -> int:
    return TimelineEntry.objects.aggregate(n=Max("id"))["n"] or 0


def _iso(value):
    return value.isoformat() if value else None


def desk_state(user) -> dict:
    """New intakes, open incidents with their report countdowns, and the urgent (grade Ⅰ/Ⅱ) ones."""
    intakes = (intakes_for(user).filter(incident__isnull=False).select_related("incident", "township")
               .order_by("-id")[:20])
    incidents = (incidents_for(user).filter(status__in=OPEN_STATUSES).select_related("township")
                 .prefetch_related(Prefetch("deadlines", queryset=Deadline.objects.order_by("due_at")))
                 .order_by("grade", "-received_at")[:50])
    return {
        "change": latest_change(),
        "now": _iso(timezone.now()),
        "intakes": [{"id": i.pk, "incident_id": i.incident_id, "channel": i.get_channel_display(),
                     "received_at": _iso(i.received_at), "address": i.address, "description": i.description[:120],
                     "township": i.township.name if i.township else "", "grade": i.incident.grade,
                     "grade_label": i.incident.grade_numeral} for i in intakes],
        "incidents": [{"id": i.pk, "number": i.number, "title": i.title, "status": i.get_status_display(),
                       "grade": i.grade, "grade_label": i.grade_numeral,
                       "township": i.township.name if i.township else "", "url": f"/incidents/{i.pk}/",
                       "urgent": i.grade <= rules.urgent_grade(),
                       "deadlines": [{"kind": d.get_kind_display(), "due_at": _iso(d.due_at), "met": d.met_at is not None}
                                     for d in i.deadlines.all()]} for i in incidents],
    }


def stream(user, last_sent: int | None = None):
    """Server-sent events: `state` whenever the change counter moves, a comment line as keep-alive."""
    yield f"retry: {RETRY_MS}\n\n"
    ends = time.monotonic() + STREAM_SECONDS
    while time.monotonic() < ends:
        change = latest_change()
        if change != last_sent:
            state = desk_state(user)
            last_sent = state["change"]
            yield f"id: {last_sent}\nevent: state\ndata: {json.dumps(state, ensure_ascii=False)}\n\n"
        else:
            yield ": ping\n\n"
        time.sleep(POLL_SECONDS)
