"""The emergency map draws the township boundaries and its layers (open incidents too) from the GeoJSON API with
no internet, names under the markers, labelled popups; the public shelter page works unsigned."""

import pytest
from playwright.sync_api import expect

from countydesk.demo.data import TOWNSHIPS
from countydesk.demo.generator import DEMO_PASSWORD
from countydesk.incidents.choices import OPEN_STATUSES
from countydesk.incidents.models import Incident
from countydesk.registry.hazards.models import Hazard
from countydesk.registry.places.models import ProtectedTarget, Shelter
from countydesk.registry.supplies.models import Depot
from countydesk.registry.teams.models import Team

from .conftest import screenshot

pytestmark = pytest.mark.e2e


def _sign_in(page, base, username):
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button:has-text('登录')")
    page.wait_for_url(f"{base}/")


def test_map_shows_boundaries_layers_and_incidents_offline(demo_live_server, page):
    base = demo_live_server.url
    outside = []
    page.on("request", lambda r: None if r.url.startswith(base) or r.url.startswith("data:") else outside.append(r.url))
    _sign_in(page, base, "yingjiban")
    page.goto(f"{base}/places/map/")
    page.wait_for_selector(".leaflet-container")
    # locators, not wait_for_function: the page's Content-Security-Policy forbids the eval that one needs
    page.locator(".leaflet-control-layers-overlays label").nth(6).wait_for()
    overlays = page.locator(".leaflet-control-layers-overlays").inner_text()
    assert f"乡镇界线 ({len(TOWNSHIPS)})" in overlays
    assert page.locator("path.boundary-township").count() == len(TOWNSHIPS)
    assert page.locator("path.boundary-county").count() == 1
    assert sorted(page.locator(".unit-label").all_inner_texts()) == sorted(TOWNSHIPS)
    open_incidents = Incident.objects.filter(merged_into=None, status__in=OPEN_STATUSES).exclude(lat=None)
    layers = [("teams", "救援队伍", Team.objects.all()), ("depots", "物资储备库", Depot.objects.filter(active=True)),
              ("hazards", "风险源", Hazard.objects.all()), ("shelters", "避难场所", Shelter.objects.all()),
              ("targets", "防护目标", ProtectedTarget.objects.all()), ("incidents", "未结突发事件", open_incidents)]
    for key, label, rows in layers:  # every layer of the demo county, each point drawn
        count = rows.exclude(lat=None).count()
        assert count > 0 and f"{label} ({count})" in overlays
        assert page.locator(f"path.layer-{key}").count() == count
    # Names lie in a pane under the markers and take no clicks, so they never hide one.
    boundary_pane, label_pane, marker_pane, incident_pane = (
        page.evaluate(f"Number(getComputedStyle(document.querySelector('.leaflet-{p}-pane')).zIndex)")
        for p in ("boundaries", "labels", "overlay", "incidents"))
    assert boundary_pane < label_pane < marker_pane < incident_pane
    assert page.locator(".leaflet-incidents-pane path.layer-incidents").count() == open_incidents.count()
    assert page.evaluate("getComputedStyle(document.querySelector('.leaflet-labels-pane')).pointerEvents") == "none"
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "放大"

    team = page.locator("path.layer-teams").first
    team.dispatch_event("mouseover")  # on the marker itself, not whichever of the close markers is on top
    assert page.locator(".leaflet-tooltip").count() == 1
    team.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    assert popup.locator("a").count() == 1
    headers = popup.locator("th").all_inner_texts()
    assert headers == ["类型：", "战备状态：", "单位：", "人数：", "电话："]

    page.locator("path.layer-incidents").first.dispatch_event("click")
    expect(page.locator(".leaflet-popup")).to_have_count(1)  # the team's has faded
    popup = page.locator(".leaflet-popup-content")
    assert popup.locator("a").get_attribute("href").startswith("/incidents/")
    headers = popup.locator("th").all_inner_texts()
    assert headers[:4] == ["类型：", "级别：", "状态：", "事发时间："] and "单位：" in headers
    screenshot(page, "emergency-map")
    assert outside == []


def test_township_officer_sees_only_own_township_incidents(demo_live_server, page):
    base = demo_live_server.url
    _sign_in(page, base, "chengguan_ld")
    page.goto(f"{base}/places/map/")
    own = Incident.objects.filter(merged_into=None, status__in=OPEN_STATUSES, township__name="城关镇").exclude(lat=None)
    page.locator(".leaflet-control-layers-overlays label", has_text="未结突发事件").wait_for()
    assert f"未结突发事件 ({own.count()})" in page.locator(".leaflet-control-layers-overlays").inner_text()
    assert page.locator("path.layer-incidents").count() == own.count() > 0


def test_public_shelter_page_without_sign_in(demo_live_server, page):
    base = demo_live_server.url
    page.goto(f"{base}/places/shelters/nearest/")
    assert "/login/" not in page.url
    page.fill("input[name=q]", "青山镇")
    page.click("form#where button:has-text('查找避难场所')")
    page.wait_for_selector("ol.shelters li")
    items = page.locator("ol.shelters li")
    assert items.count() == 5 and "公里" in items.first.inner_text()
    screenshot(page, "public-nearest-shelters")
