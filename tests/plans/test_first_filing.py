"""The 20-working-day filing rule judges a plan's first filing (首次备案), wherever the due date is shown."""

import re
from datetime import date

import pytest

from countydesk.accounts.system import SYSTEM
from countydesk.registry.plans import analysis, services
from countydesk.registry.plans.models import Plan

from .helpers import make_plan, root, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def refiled():
    """A flood plan issued 2 March 2026 (deadline 30 March), filed on 10 March and again on 20 May."""
    Plan.objects.all().update(status="abolished")
    plan = make_plan("防汛首报", "special", "county", root(), ["101"], lead=unit("县应急管理局"))
    services.do_record_filing(SYSTEM, plan, filed_on=date(2026, 3, 10))
    services.do_record_filing(SYSTEM, plan, recipient="市应急管理局（补充材料）", filed_on=date(2026, 5, 20))
    return plan


def test_due_rows_judge_the_first_filing_whatever_order_the_filings_come_in(refiled):
    for plan in (Plan.objects.prefetch_related("filings").get(pk=refiled.pk),
                 analysis.effective_plans().get(pk=refiled.pk), Plan.objects.get(pk=refiled.pk)):
        row = analysis.due_rows([plan], today=date(2026, 6, 1))[0]
        assert (row.filed_on, row.filing_state) == (date(2026, 3, 10), "ok")


def test_due_list_and_plan_page_show_the_first_filing(refiled, client_as):
    client = client_as("admin")
    listing = client.get("/plans/due/").content.decode()
    assert "2026年3月10日" in listing and "2026年5月20日" not in listing
    page = client.get(f"/plans/{refiled.pk}/").content.decode()
    deadline = re.search(r"<dt>备案期限</dt><dd>(.*?)</dd>", page).group(1)
    assert "2026年3月30日" in deadline and "逾期备案" not in deadline
