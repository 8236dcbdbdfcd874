"""The milestones of an incident's handling (处置节点), in order: receipt, first report, activation, first order,
first arrival, control, close. Each is read by a function registered by the app that owns the record
(incidents here; responses and dispatch orders where they are kept), so the evaluation measures what the
record says without knowing every model."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from countydesk.audit.models import AuditEvent
from countydesk.incidents.choices import ReportKind, ReportStatus


@dataclass(frozen=True)
class Milestone:
    code: str
    label: object
    reached: Callable[[object], datetime | None]


ORDER = ["receipt", "first_report", "activation", "first_order", "first_arrival", "control", "close"]
LABELS = {
    "receipt": _("Incident received"),
    "first_report": _("First report sent"),
    "activation": _("Response activated"),
    "first_order": _("First dispatch order"),
    "first_arrival": _("First team on scene"),
    "control": _("Response terminated (under control)"),
    "close": _("Incident closed"),
}
READERS: dict[str, Callable] = {}


def register_milestone(code: str, reached: Callable[[object], datetime | None]):
    """`reached(incident)` answers when the milestone `code` (one of ORDER) was reached, or None."""
    if code not in ORDER:
        raise ValueError(f"unknown milestone {code}")
    READERS[code] = reached


def milestones(incident) -> list[tuple[Milestone, datetime | None]]:
    """Every milestone in order with the time the record shows (None: not reached, or not recorded)."""
    return [(Milestone(code, LABELS[code], READERS.get(code, _never)), READERS.get(code, _never)(incident))
            for code in ORDER]


def _never(_incident):
    return None


def _first_report(incident):
    sent = incident.reports.filter(kind=ReportKind.INITIAL, status=ReportStatus.SENT).order_by("sent_at")
    return sent.values_list("sent_at", flat=True).first()


def _closed(incident):
    """When it was closed, from the audit row of the transition (the record of who closed it and when)."""
    events = AuditEvent.objects.filter(action="incident.closed", object_type="incidents.incident",
                                       object_id=str(incident.pk)).order_by("-seq")
    return events.values_list("at", flat=True).first()


register_milestone("receipt", lambda incident: incident.received_at)
register_milestone("first_report", _first_report)
register_milestone("close", _closed)
