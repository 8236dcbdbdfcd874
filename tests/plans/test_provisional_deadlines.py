"""A year the calendar package does not know (e.g. 2027) gives provisional (暂定) deadlines and a warning."""

from datetime import date

import pytest

from countydesk.registry.plans import analysis, rules
from countydesk.registry.plans.models import Plan, WorkdayOverride

from .helpers import make_plan, root, unit

pytestmark = pytest.mark.django_db


def test_a_deadline_in_an_unknown_year_is_provisional_until_the_schedule_is_entered(client_as):
    Plan.objects.all().update(status="abolished")
    plan = make_plan("跨年预案", "special", "county", root(), ["101"], lead=unit("县应急管理局"),
                     issued=date(2026, 12, 20))
    row = analysis.due_rows([analysis.effective_plans().get(pk=plan.pk)], today=date(2026, 12, 21))[0]
    assert row.provisional and rules.WorkCalendar().unknown_years(date(2026, 12, 20), row.filing_deadline) == [2027]
    page = client_as("admin").get(f"/plans/{plan.pk}/").content.decode()
    assert "暂定" in page
    assert "2027" in client_as("admin").get("/").content.decode().split("工作日历尚无")[1][:20]
    WorkdayOverride.objects.create(date=date(2027, 1, 1), is_workday=False, note="元旦")
    row = analysis.due_rows([analysis.effective_plans().get(pk=plan.pk)], today=date(2026, 12, 21))[0]
    assert not row.provisional
    assert "暂定" not in client_as("admin").get(f"/plans/{plan.pk}/").content.decode()


def test_a_known_year_is_not_provisional():
    assert rules.WorkCalendar().unknown_years(date(2026, 1, 1), date(2026, 12, 31)) == []
