"""Incident statistics: by type, township and month; time from receipt to the first report; timeliness."""

import statistics
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.core.taxonomy import type_label

from .choices import DeadlineKind, ReportKind, ReportStatus
from .models import Deadline, Report

BAR_PX, ROW_PX = 380, 22


@dataclass
class StatRow:
    table: str
    label: str
    value: float


@dataclass
class StatTable:
    title: str
    rows: list[StatRow] = field(default_factory=list)

    def add(self, label, value):
        self.rows.append(StatRow(self.title, str(label), value))

    @property
    def bars(self) -> list[dict]:
        """Label, value, bar width and top in pixels for the inline SVG chart."""
        top = max((r.value for r in self.rows), default=0) or 1
        return [{"label": r.label, "value": r.value, "width": round(BAR_PX * r.value / top), "y": i * ROW_PX}
                for i, r in enumerate(self.rows)]

    @property
    def height(self) -> int:
        return len(self.rows) * ROW_PX + 4


def _counted(title, queryset, key, label) -> StatTable:
    table = StatTable(title)
    for row in queryset.values(key).annotate(n=Count("id")).order_by(key):
        table.add(label(row[key]), row["n"])
    return table


def _first_report_minutes(incidents) -> StatTable:
    table = StatTable(_("Minutes from receipt to the initial report"))
    firsts = incidents.annotate(first=Min("reports__sent_at", filter=Q(reports__kind=ReportKind.INITIAL)))
    minutes = [(i.first - i.received_at).total_seconds() / 60 for i in firsts.exclude(first=None).only("received_at")]
    if minutes:
        table.add(_("reports"), len(minutes))
        table.add(_("average"), round(statistics.fmean(minutes), 1))
        table.add(_("median"), round(statistics.median(minutes), 1))
    return table


def _timeliness(incidents) -> StatTable:
    table = StatTable(_("Initial reports on time per unit (%)"))
    due = dict(Deadline.objects.filter(incident__in=incidents, kind=DeadlineKind.WRITTEN).values_list("incident_id",
                                                                                                       "due_at"))
    sent = Report.objects.filter(incident__in=incidents, kind=ReportKind.INITIAL, status=ReportStatus.SENT)
    per_unit: dict[str, list[bool]] = {}
    for report in sent.select_related("unit"):
        on_time = report.incident_id not in due or report.sent_at <= due[report.incident_id]
        per_unit.setdefault(report.unit.name, []).append(on_time)
    for unit, flags in sorted(per_unit.items()):
        table.add(unit, round(100 * sum(flags) / len(flags), 1))
    return table


def tables(incidents) -> list[StatTable]:
    local = timezone.get_current_timezone()
    return [
        _counted(_("Incidents by type"), incidents, "type_code",
                 lambda code: type_label(code) or _("unclassified")),
        _counted(_("Incidents by township"), incidents, "township__name", lambda name: name or _("unknown")),
        _counted(_("Incidents by month"), incidents.annotate(month=TruncMonth("received_at", tzinfo=local)), "month",
                 lambda month: f"{month:%Y-%m}"),
        _first_report_minutes(incidents),
        _timeliness(incidents),
    ]
