"""The resource sections of an evaluation (resources used and their costs, requisitions and compensation
due, orders declined or late), each read by the app that keeps the records and registered here."""

from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _

from countydesk.core.ui.times import stamp
from countydesk.incidents.choices import ReportStatus


@dataclass(frozen=True)
class Section:
    title: str
    header: list[str]
    rows: list[list[str]]
    note: str = ""


READERS: list[tuple[int, str, Callable]] = []


def register_section(order: int, code: str, read: Callable[[object], Section | None]):
    """`read(incident)` gives the section's table for the evaluation, or None when it has nothing to say."""
    if all(existing != code for _, existing, _ in READERS):
        READERS.append((order, code, read))
        READERS.sort(key=lambda entry: entry[0])


def sections(incident) -> list[dict]:
    found = ((code, read(incident)) for _, code, read in READERS)
    return [{"code": code} | asdict(section) for code, section in found if section is not None]


def _reports(incident) -> Section | None:
    reports = list(incident.reports.order_by("created"))
    if not reports:
        return None
    return Section(_("Reports"), [_("Report"), _("Status"), _("Sent at")],
                   [[r.label, r.get_status_display(), stamp(r.sent_at) if r.status == ReportStatus.SENT else "—"]
                    for r in reports])


register_section(10, "reports", _reports)
