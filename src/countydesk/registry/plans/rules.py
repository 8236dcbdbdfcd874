"""Plan rules (预案管理规则): working days, the filing deadline, evaluation and drill due dates.

Working days follow the State Council holiday schedule through the `chinesecalendar` package; the
admin-editable WorkdayOverride table wins over it and covers years the package does not know yet
(those years otherwise count Monday to Friday until an administrator enters their holidays).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

from countydesk.core.records import rule_value

from .models import PlanNumberRule, PlanRule, ResponseLevelRule, WorkdayOverride


class WorkCalendar:
    """The override table read once, then asked day by day.

    A year neither the calendar package nor the override table knows is counted Monday–Friday, and
    the deadlines that cross it are provisional (暂定) until an administrator enters the State Council
    schedule (国务院节假日安排) in the override table."""

    def __init__(self):
        self.overrides = dict(WorkdayOverride.objects.values_list("date", "is_workday"))
        self.override_years = {day.year for day in self.overrides}

    def known(self, year: int) -> bool:
        if year in self.override_years:
            return True
        try:
            chinese_calendar.is_workday(date(year, 1, 1))
        except NotImplementedError:
            return False
        return True

    def unknown_years(self, start: date, end: date) -> list[int]:
        return [year for year in range(start.year, end.year + 1) if not self.known(year)]

    def is_workday(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return _state_council_workday(day)


@lru_cache(maxsize=8192)
def _state_council_workday(day: date) -> bool:
    """The package's answer for `day` (Monday to Friday for years it does not know), computed once per day."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def plan_rules() -> dict[str, PlanRule]:
    return {r.kind: r for r in PlanRule.objects.all()}


def _rule(kind: str, rules: dict | None) -> PlanRule:
    return (rules if rules is not None else plan_rules()).get(kind) or PlanRule(kind=kind)


def filing_deadline(kind: str, issued_on: date, calendar: WorkCalendar | None = None,
                    rules: dict | None = None) -> date:
    """The last day to file a plan issued on `issued_on`: N working days after the issue date."""
    calendar = calendar or WorkCalendar()
    remaining, day = _rule(kind, rules).filing_working_days, issued_on
    while remaining:
        day += timedelta(days=1)
        remaining -= calendar.is_workday(day)
    return day


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Dues:
    evaluation: date | None
    drill: date | None


def cycle_dues(plan, rules: dict | None = None) -> Dues:
    """When the plan is next due for evaluation and for a drill, counted from the last one (or issue)."""
    rule = _rule(plan.kind, rules)
    start = plan.issued_on

    def due(last, years):
        base = last or start
        return _add_years(base, years) if years and base else None

    return Dues(due(plan.last_evaluated_on, rule.evaluation_years), due(plan.last_drilled_on, rule.drill_years))


def filing_recipient(kind: str) -> str:
    return _rule(kind, None).filing_recipient


def response_level_for(grade: int) -> str | None:
    """The response level an incident of `grade` starts at (ResponseLevelRule); None when no row says."""
    return ResponseLevelRule.objects.filter(grade=grade).values_list("level", flat=True).first()


def max_document_bytes() -> int:
    """The largest plan document (.docx or .pdf) uploaded (20 MB by default)."""
    return rule_value(PlanNumberRule, "max_document_mb") * 1024 * 1024
