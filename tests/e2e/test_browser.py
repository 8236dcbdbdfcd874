"""A township information officer signs in with a real browser and sees the Chinese dashboard."""

import pytest

from countydesk.demo.generator import DEMO_PASSWORD

from .conftest import screenshot

pytestmark = pytest.mark.e2e


def _sign_in(page, base, username):
    page.goto(f"{base}/")
    assert "/login/" in page.url, page.content()[:2000]
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button:has-text('登录')")
    page.wait_for_url(f"{base}/")


def test_township_officer_sees_the_chinese_dashboard(demo_live_server, page):
    base = demo_live_server.url
    _sign_in(page, base, "chengguan_xxy")
    assert page.locator("h1").inner_text() == "工作台"
    card = page.locator("article.card").first
    assert "城关镇" in card.inner_text() and "值班电话" in card.inner_text()
    nav = page.locator("nav.side").inner_text()
    assert "政务信息" in nav and "应急管理" in nav and "审计日志" not in nav
    screenshot(page, "dashboard-township-officer")
    page.click("nav.side >> text=人员")
    rows = page.locator("table.list tbody tr")
    assert rows.count() > 0
    assert all("城关镇" in rows.nth(i).inner_text() for i in range(rows.count()))


def test_wrong_password_and_language_switch(demo_live_server, page):
    base = demo_live_server.url
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", "xinxike")
    page.fill("input[name=password]", "not-the-password")
    page.click("form button:has-text('登录')")
    assert "用户名或密码错误" in page.locator("p.error").inner_text()
    _sign_in(page, base, "xinxike")
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert page.locator("h1").inner_text() == "Dashboard"
    page.goto(f"{base}/staffing/?gaps_only=on")
    assert page.locator("table.list tbody tr").count() > 0
    screenshot(page, "staffing-gaps-en")
