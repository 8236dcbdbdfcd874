"""The duty officer's desk shows a new intake without reload, and a grade Ⅱ one cannot be missed (B7, B10)."""

import json

import httpx
import pytest
from playwright.sync_api import expect

from countydesk.demo.generator import DEMO_PASSWORD

from ..core.test_events_served import pair  # noqa: F401  (the two served processes)
from ..incidents.conftest import payload, sign
from .conftest import screenshot

pytestmark = pytest.mark.e2e


def _sign_in(page, base, username):
    page.goto(f"{base}/login/?next=/incidents/desk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(f"{base}/incidents/desk/")


def _post_intake(base, **fields):
    from countydesk.accounts.system import SYSTEM
    from countydesk.incidents import services

    client, secret = services.do_add_client(SYSTEM, "浏览器测试119", "119")
    body = json.dumps(payload(**fields), ensure_ascii=False).encode()
    headers = sign(secret, body) | {"X-CountyDesk-Client": client.client_id, "content-type": "application/json"}
    response = httpx.post(f"{base}/api/intake/119", content=body, headers=headers, timeout=30)
    assert response.status_code == 201, response.text


def test_duty_desk_shows_a_new_grade_two_intake_without_reload(demo_live_server, page):
    base = demo_live_server.url
    _sign_in(page, base, "zhiban")
    assert page.locator("h1").inner_text() == "值班台"
    page.wait_for_selector("#incidents tr")
    assert page.locator("#alert").is_hidden()
    page.evaluate("window.__noReload = true")
    _post_intake(base, external_id="e2e-1", address="云溪县石门镇化工园区", category_hint="爆炸",
                 description="石门镇化工园区仓库爆炸起火，已有多人死亡", deaths=12)
    page.wait_for_selector("#intakes tr:has-text('石门镇化工园区仓库爆炸')")
    alert = page.locator("#alert")
    alert.wait_for(state="visible")
    assert "新的Ⅱ级事件" in alert.inner_text()
    assert page.evaluate("window.__noReload") is True  # the page was not reloaded
    assert "剩余" in page.locator("#incidents").inner_text() or "已逾期" in page.locator("#incidents").inner_text()
    screenshot(page, "duty-desk-grade-two-alert")
    page.click("#alert-ack")
    assert alert.is_hidden()
    page.goto("about:blank")  # end the event stream while the test database is still there
    page.wait_for_timeout(2500)


def test_duty_desk_follows_its_event_stream_across_two_servers(pair, page):
    """The desk page on one server shows an intake posted through another (SSE through Redis, no polling)."""
    _sign_in(page, pair.b, "zhiban")
    page.wait_for_selector("#incidents tr")
    live = page.locator("#live")
    expect(live).to_have_text(live.get_attribute("data-connected"))  # not wait_for_function: the CSP forbids eval
    page.evaluate("window.__noReload = true")
    pair.post_intake(pair.a, external_id="e2e-events-1", address="云溪县青山镇水库", category_hint="溺水",
                     description="青山镇水库有人落水，正在施救")
    page.wait_for_selector("#intakes tr:has-text('青山镇水库有人落水')", timeout=20_000)
    assert page.evaluate("window.__noReload") is True
    assert live.inner_text() == live.get_attribute("data-connected")
    page.goto("about:blank")
