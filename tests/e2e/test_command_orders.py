"""The team leader, on a phone, acknowledges a dispatch order and reports departure; the commander's command page,
open in another browser, follows without a reload (issue 13 items 4 and 7)."""

import pytest

from countydesk.command.models import DispatchOrder
from countydesk.demo.generator import DEMO_PASSWORD

from .conftest import screenshot

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def _sign_in(page, base, username, next_url):
    page.goto(f"{base}/login/?next={next_url}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(f"{base}{next_url}")


def test_leader_on_a_phone_moves_the_order_and_the_command_page_follows(demo_live_server, browser, page):
    base = demo_live_server.url
    order = DispatchOrder.objects.get(team__name="县消防救援大队", status="issued")
    command_url = f"/command/incident/{order.incident_id}/"
    _sign_in(page, base, "zhihui", command_url)
    row = page.locator(f"#panel-orders tr[data-order='{order.pk}']")
    assert row.get_attribute("data-status") == "issued"
    page.evaluate("window.__noReload = true")

    phone = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport=PHONE, is_mobile=True,
                                has_touch=True)
    leader = phone.new_page()
    leader.set_default_timeout(30_000)
    _sign_in(leader, base, "duizhang", "/command/my-orders/")
    card = leader.locator(f"article[data-order='{order.pk}']")
    button = card.locator("button", has_text="签收")
    box = button.bounding_box()
    assert box["width"] >= PHONE["width"] * 0.7 and box["height"] >= 44  # big enough for a thumb
    assert leader.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    button.click()
    leader.wait_for_url(f"{base}/command/my-orders/")
    assert card.get_attribute("data-status") == "acknowledged"
    screenshot(leader, "command-leader-phone")
    card.locator("button", has_text="已出发").click()
    leader.wait_for_url(f"{base}/command/my-orders/")
    assert card.get_attribute("data-status") == "departed"

    row.and_(page.locator("[data-status='departed']")).wait_for(timeout=20_000)
    assert "已出发" in row.inner_text()
    assert "已出发" in page.locator("#panel-timeline").inner_text()
    assert page.evaluate("window.__noReload") is True  # changed in place, not reloaded
    screenshot(page, "command-page-after-departure")
    phone.close()
    page.goto("about:blank")  # end the event stream while the test database is still there
