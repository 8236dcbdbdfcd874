"""The emergency map draws its layers from the GeoJSON API with no internet; the public shelter page works unsigned."""

import pytest

from countydesk.demo.generator import DEMO_PASSWORD
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


def test_map_shows_the_layers_offline(demo_live_server, page):
    base = demo_live_server.url
    outside = []
    page.on("request", lambda r: None if r.url.startswith(base) or r.url.startswith("data:") else outside.append(r.url))
    _sign_in(page, base, "yingjiban")
    page.goto(f"{base}/places/map/")
    page.wait_for_selector(".leaflet-container")
    page.wait_for_function("document.querySelectorAll('.leaflet-control-layers-overlays label').length >= 6")
    overlays = page.locator(".leaflet-control-layers-overlays").inner_text()
    assert "乡镇" in overlays
    layers = [("teams", "救援队伍", Team.objects.all()), ("depots", "物资储备库", Depot.objects.filter(active=True)),
              ("hazards", "风险源", Hazard.objects.all()), ("shelters", "避难场所", Shelter.objects.all()),
              ("targets", "防护目标", ProtectedTarget.objects.all())]
    for key, label, rows in layers:  # every layer of the demo county, each point drawn
        count = rows.exclude(lat=None).count()
        assert count > 0 and f"{label} ({count})" in overlays
        assert page.locator(f"path.layer-{key}").count() == count
    assert page.locator(".unit-label").count() >= 12
    page.locator("path.layer-teams").first.click(force=True)
    assert page.locator(".leaflet-popup-content a").count() == 1
    screenshot(page, "emergency-map")
    assert outside == []


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
