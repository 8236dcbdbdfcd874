"""Leaflet's own controls on the map speak Chinese (their texts come from Leaflet's JavaScript, which the
page crawl of tests/web/test_language_crawl.py does not run)."""

import re

import pytest

from .test_map import _sign_in

pytestmark = pytest.mark.e2e


def test_map_controls_are_in_chinese(demo_live_server, page):
    base = demo_live_server.url
    _sign_in(page, base, "yingjiban")
    page.goto(f"{base}/places/map/")
    page.wait_for_selector(".leaflet-control-zoom-in")
    assert page.get_attribute(".leaflet-control-zoom-in", "title") == "放大"
    assert page.get_attribute(".leaflet-control-zoom-out", "aria-label") == "缩小"
    assert page.get_attribute(".leaflet-control-layers-toggle", "title") == "图层"
    texts = page.eval_on_selector_all(
        ".leaflet-control a, .leaflet-control [aria-label], .leaflet-marker-icon",
        "els => els.flatMap(e => [e.title, e.getAttribute('aria-label'), e.alt, e.textContent])")
    english = {w for t in texts if t for w in re.findall(r"[A-Za-z]{3,}", t)} - {"Leaflet"}
    assert english == set()
