"""The limit of each handling interval: the incidents chapter's written-report deadline for the first one,
the interval rule table for the others (Ⅰ–Ⅱ limits for the grades the chapter calls urgent)."""

from datetime import datetime, timedelta

from countydesk.incidents.choices import DeadlineKind
from countydesk.incidents.rules import report_deadlines, urgent_grade

from ..models.evaluation import IntervalRule


def interval_limits(grade: int, received_at: datetime) -> dict[tuple[str, str], timedelta | None]:
    """{(start, end): the longest the interval may take for an incident of `grade`, None for no limit}."""
    major = grade <= urgent_grade()
    limits = {}
    for rule in IntervalRule.objects.all():
        minutes = rule.minutes_major if major and rule.minutes_major is not None else rule.minutes
        limits[(rule.start, rule.end)] = None if minutes is None else timedelta(minutes=minutes)
    due = report_deadlines(grade, received_at).get(DeadlineKind.WRITTEN)
    limits[("receipt", "first_report")] = due[0] - received_at if due else None
    return limits
