"""Working days (国务院节假日安排 + 调休) and the filing deadline, evaluation and drill due dates."""

from datetime import date

import pytest

from countydesk.registry.plans import rules
from countydesk.registry.plans.models import Plan, PlanRule, WorkdayOverride

pytestmark = pytest.mark.django_db


def test_filing_deadline_skips_the_national_day_holiday_and_counts_the_adjusted_saturday():
    # Issued Tue 29 Sep 2026: 1–7 Oct are holidays, Sat 10 Oct is an adjusted workday (调休).
    assert rules.filing_deadline("special", date(2026, 9, 29)) == date(2026, 11, 2)
    calendar = rules.WorkCalendar()
    assert not calendar.is_workday(date(2026, 10, 5))  # a Monday inside the holiday
    assert calendar.is_workday(date(2026, 10, 10))     # a Saturday worked


def test_override_table_wins_over_the_package():
    WorkdayOverride.objects.create(date=date(2026, 10, 10), is_workday=False, note="test")
    assert rules.filing_deadline("special", date(2026, 9, 29)) == date(2026, 11, 3)


def test_years_the_package_does_not_know_use_the_override_table():
    plain = rules.filing_deadline("township", date(2026, 12, 31))
    assert plain == date(2027, 1, 28)  # Mon–Fri until an administrator enters 2027
    WorkdayOverride.objects.bulk_create([WorkdayOverride(date=date(2027, 1, 1), is_workday=False),
                                         WorkdayOverride(date=date(2027, 1, 2), is_workday=True)])
    assert rules.filing_deadline("township", date(2026, 12, 31)) == date(2027, 1, 28)
    WorkdayOverride.objects.filter(date=date(2027, 1, 2)).delete()
    assert rules.filing_deadline("township", date(2026, 12, 31)) == date(2027, 1, 29)


def test_the_rule_table_sets_the_number_of_working_days():
    PlanRule.objects.filter(kind="village").update(filing_working_days=5)
    assert rules.filing_deadline("village", date(2026, 9, 29)) == date(2026, 10, 12)


def test_seeded_rules_follow_the_2024_measures():
    table = rules.plan_rules()
    assert {r.filing_working_days for r in table.values()} == {20}
    assert table["special"].drill_years == 3 and table["department"].drill_years == 3
    assert table["overall"].evaluation_years == 3 and table["village"].evaluation_years is None


def test_cycle_dues_count_from_the_last_evaluation_or_drill():
    plan = Plan(kind="special", issued_on=date(2024, 2, 29), last_drilled_on=date(2025, 6, 1))
    dues = rules.cycle_dues(plan)
    assert dues.evaluation == date(2027, 2, 28) and dues.drill == date(2028, 6, 1)
    assert rules.cycle_dues(Plan(kind="village", issued_on=date(2024, 1, 1))) == rules.Dues(None, None)
