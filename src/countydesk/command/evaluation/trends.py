"""The county-wide view of evaluations: the list (filtered, exported, printed) and the chosen interval's
average by month and by incident type, as charts."""

from collections import defaultdict
from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from countydesk.core.taxonomy import EVENT_TYPES
from countydesk.core.ui.charts import bars
from countydesk.core.ui.lists import LinkColumn, ListPage
from countydesk.core.ui.tables import Column
from countydesk.core.ui.times import local

from ..milestones import LABELS, ORDER

INTERVALS = [(f"{a}:{b}", f"{LABELS[a]} → {LABELS[b]}") for a, b in zip(ORDER, ORDER[1:])]


def _late(evaluation) -> str:
    return "、".join(i["label"] for i in evaluation.measures.get("intervals", []) if i["late"])


EVALUATION_LIST = ListPage(_("Evaluations"), [
    LinkColumn(_("Incident"), lambda e: str(e.incident), link=lambda e: f"/command/incident/{e.incident_id}/evaluation/"),
    Column(_("Grade"), lambda e: e.incident.grade_numeral),
    Column(_("Type"), lambda e: e.incident.get_type_code_display()),
    Column(_("Received at"), lambda e: e.incident.received_at),
    Column(_("Evaluated at"), lambda e: e.made_at),
    Column(_("Over the limit"), _late),
    Column(_("Lessons learned"), lambda e: e.lessons),
], "evaluations")


class TrendFilter(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    type_code = forms.ChoiceField(label=_("Type"), required=False,
                                  choices=[("", "—")] + [(c, f"{c} {t.name}") for c, t in EVENT_TYPES.items()])
    interval = forms.ChoiceField(label=_("Interval charted"), required=False, choices=INTERVALS)

    def _value(self, name):
        return self.cleaned_data.get(name) if self.is_bound and self.is_valid() else None

    def filtered(self, evaluations):
        start, end, type_code = self._value("start"), self._value("end"), self._value("type_code")
        zone = timezone.get_current_timezone()
        if start:
            evaluations = evaluations.filter(incident__received_at__gte=datetime.combine(start, time.min, zone))
        if end:
            evaluations = evaluations.filter(incident__received_at__lte=datetime.combine(end, time.max, zone))
        if type_code:
            evaluations = evaluations.filter(incident__type_code=type_code)
        return evaluations.order_by("-incident__received_at")

    def interval(self) -> tuple[str, str]:
        start, end = (self._value("interval") or INTERVALS[0][0]).split(":")
        return start, end


def trends(evaluations, interval: tuple[str, str]) -> dict:
    """{caption: chart} of the interval's average minutes per month (received) and per incident type."""
    by_month, by_type = defaultdict(list), defaultdict(list)
    for evaluation in evaluations:
        minutes = next((i["minutes"] for i in evaluation.measures.get("intervals", [])
                        if (i["start"], i["end"]) == interval and i["minutes"] is not None), None)
        if minutes is None:
            continue
        by_month[f"{local(evaluation.incident.received_at):%Y-%m}"].append(minutes)
        by_type[evaluation.incident.get_type_code_display()].append(minutes)
    label = f"{LABELS[interval[0]]} → {LABELS[interval[1]]}"
    average = lambda groups: bars((key, round(sum(v) / len(v))) for key, v in sorted(groups.items()))  # noqa: E731
    return {_("%(interval)s, average minutes by month") % {"interval": label}: average(by_month),
            _("%(interval)s, average minutes by incident type") % {"interval": label}: average(by_type)}
