"""The duty desk's live state (值班台): one cheap change counter and one JSON snapshot.

Every timeline entry publishes on the `incidents.desk` live-update topic (core/events); the desk page
follows that stream, which sends this snapshot, computed once per change for all desk viewers alike.
"""

from django.db.models import Max, Prefetch
from django.utils import timezone

from countydesk.core.ui.times import moment

from .access import incidents_for, intakes_for
from . import rules
from .choices import OPEN_STATUSES
from .models import Deadline, TimelineEntry

TOPIC = "incidents.desk"


def latest_change() -> int:
    return TimelineEntry.objects.aggregate(n=Max("id"))["n"] or 0


def _iso(value):
    return value.isoformat() if value else None


def alarm(incident) -> bool:
    """Whether news of `incident` sounds the desk's alarm: an urgent grade, or lives lost or in danger (dead,
    trapped or missing as many as rules.alarm_casualties), even while the grade is still low."""
    at_risk = incident.deaths + incident.trapped + incident.missing
    return incident.grade <= rules.urgent_grade() or at_risk >= rules.alarm_casualties()


def _when(value) -> dict:
    """A time for the desk's script: the instant (to count from) and how people read it (to show)."""
    return {"at": _iso(value), "label": moment(value)}


def desk_state(user) -> dict:
    """New intakes, open incidents with their report countdowns, the urgent ones, and the incidents waiting for
    the duty officer to classify them (待分类)."""
    intakes = (intakes_for(user).filter(incident__isnull=False).select_related("incident", "township")
               .order_by("-id")[:20])
    incidents = (incidents_for(user).filter(status__in=OPEN_STATUSES).select_related("township")
                 .prefetch_related(Prefetch("deadlines", queryset=Deadline.objects.order_by("due_at")))
                 .order_by("grade", "-received_at")[:50])
    unclassified = (incidents_for(user).filter(status__in=OPEN_STATUSES, merged_into__isnull=True, type_code="")
                    .select_related("township").order_by("-received_at")[:20])
    unjoined = (intakes_for(user).filter(incident__isnull=True).exclude(processing_error="")
                .select_related("township").order_by("-id")[:20])
    return {
        "change": latest_change(),
        "unjoined": [{"id": i.pk, "channel": i.get_channel_display(), "received_at": _when(i.received_at),
                      "external_id": i.external_id, "error": i.processing_error,
                      "what": i.description[:120] or i.address} for i in unjoined],
        "unclassified": [{"id": i.pk, "number": i.number, "title": i.title, "received_at": _when(i.received_at),
                          "township": i.township.name if i.township else "", "what": i.description[:120],
                          "url": f"/incidents/{i.pk}/"} for i in unclassified],
        "now": _iso(timezone.now()),
        "intakes": [{"id": i.pk, "incident_id": i.incident_id, "channel": i.get_channel_display(),
                     "received_at": _when(i.received_at), "address": i.address, "description": i.description[:120],
                     "township": i.township.name if i.township else "", "grade": i.incident.grade,
                     "grade_label": i.incident.grade_numeral, "alarm": alarm(i.incident),
                     "unverified": i.incident.figures_from_callers} for i in intakes],
        "incidents": [{"id": i.pk, "number": i.number, "title": i.title, "status": i.get_status_display(),
                       "grade": i.grade, "grade_label": i.grade_numeral,
                       "township": i.township.name if i.township else "", "url": f"/incidents/{i.pk}/",
                       "urgent": i.grade <= rules.urgent_grade(), "unverified": i.figures_from_callers,
                       "deadlines": [{"kind": d.get_kind_display(), "due_at": _when(d.due_at), "warn_at": _iso(d.warn_at),
                                      "met": d.met_at is not None}
                                     for d in i.deadlines.all()]} for i in incidents],
    }

