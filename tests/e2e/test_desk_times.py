"""A freshly built demo opens on a duty desk in progress, worded as people read it (issue 11.1 and 11.2):
Shanghai times whatever the browser's time zone, not everything overdue, durations such as '剩余 18分'."""

import re

import pytest
from django.core.management import call_command

from countydesk.core.ui.times import duration, moment
from countydesk.demo.generator import DEMO_PASSWORD
from countydesk.incidents.models import Intake

from ..conftest import ensure_demo
from .conftest import screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def fresh_demo_live_server(transactional_db, live_server):
    """The live server over a demo built now (an earlier test's demo may be many minutes old)."""
    call_command("flush", interactive=False, verbosity=0)
    ensure_demo(fresh=True)
    return live_server


@pytest.fixture
def utc_page(browser):
    """A browser whose clock is on UTC: what the desk shows must not depend on it."""
    context = browser.new_context(locale="zh-CN", timezone_id="UTC", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def test_a_fresh_demo_desk_shows_a_morning_in_progress(fresh_demo_live_server, utc_page):
    page, base = utc_page, fresh_demo_live_server.url
    page.goto(f"{base}/login/?next=/incidents/desk/")
    page.fill("input[name=username]", "zhiban")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_selector("#incidents tr")
    page.wait_for_selector("#intakes tr")

    rows = page.locator("#incidents tr").all_inner_texts()
    countdowns = page.locator("#incidents td:last-child span").all_inner_texts()
    assert len(rows) == 5 and len(countdowns) == 10
    late = page.locator("#incidents span.late").all_inner_texts()
    assert len(late) == 1 and re.fullmatch(r"书面报告 已逾期 1小时1\d分", late[0]), late
    assert sum("已完成" in c for c in countdowns) == 7
    newest = next(r for r in rows if "青山镇" in r)
    assert re.search(r"电话报告 剩余 1\d分\s+书面报告 剩余 4\d分", newest), newest
    assert not any(re.search(r"\d+:\d\d:\d\d", c) for c in countdowns)

    shown = [t.split("\t")[0] for t in page.locator("#intakes tr").all_inner_texts()]
    expected = [moment(i.received_at) for i in Intake.objects.exclude(incident=None).order_by("-id")[:len(shown)]]
    assert shown == expected and all(re.fullmatch(r"\d\d:\d\d|\d+月\d+日 \d\d:\d\d", t) for t in shown)
    screenshot(page, "duty-desk-fresh-demo")

    # the page's live countdown words a span exactly as the server does
    spans = [0, 59, 60, 29 * 60 + 59, 3600, 8130, 86399, 86400, 97140, -8100]
    words = "JSON.parse(document.getElementById('duration-words').textContent)"
    assert page.evaluate(f"s => s.map(x => CountyDeskTimes.duration({words}, x))", spans) == [duration(s) for s in spans]
    page.goto("about:blank")  # end the event stream while the test database is still there
    page.wait_for_timeout(2500)
