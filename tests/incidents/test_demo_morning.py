"""The demo's morning is dated from the moment it is built (issue 11.2): open incidents hours old, the newest
call's reports due soon, exactly one report overdue, the rest reported; the same records for the same seed."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from countydesk.accounts.models import User
from countydesk.core.ui.times import countdown
from countydesk.demo.generator import DemoCounty
from countydesk.incidents import demo
from countydesk.incidents.models import Incident
from countydesk.orgs.models import Unit

pytestmark = pytest.mark.django_db

BUILT = datetime(2026, 6, 1, 1, 30, tzinfo=UTC)  # far from the session's own demo, so nothing joins it


def _build_at(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)
    county = DemoCounty(seed=1, now=moment)  # the session's demo county is there already: only its incidents
    county.units, county.users = {u.name: u for u in Unit.objects.all()}, {u.username: u for u in User.objects.all()}
    demo.build_incidents(county)
    return (Incident.objects.filter(received_at__range=(moment - timedelta(hours=5), moment)).order_by("received_at")
            .prefetch_related("deadlines"))


def _desk(incidents, now):
    return {i.township.name: [(d.kind, "met" if d.met_at else countdown(d.due_at, now)[0]) for d in i.deadlines.all()]
            for i in incidents}


def test_the_demo_morning_is_in_progress_when_built(monkeypatch):
    incidents = _build_at(monkeypatch, BUILT)
    assert [i.received_at for i in incidents][0] == BUILT - timedelta(minutes=230)
    assert _desk(incidents, BUILT) == {
        "城关镇": [("phone", "met"), ("written", "met")],
        "石门镇": [("phone", "met"), ("written", "met")],
        "东岭乡": [("phone", "met"), ("written", "met")],
        "河口镇": [("phone", "met"), ("written", "已逾期 1小时15分")],  # the 初报 waits for the commander
        "青山镇": [("phone", "剩余 18分"), ("written", "剩余 48分")],  # Ⅲ级, received 12 minutes ago
    }
    assert {i.township.name: i.status for i in incidents} == {
        "城关镇": "responding", "石门镇": "responding", "东岭乡": "responding", "河口镇": "verified", "青山镇": "received"}


def test_the_same_records_whenever_it_is_built(monkeypatch):
    def shape(incidents, at):
        return [(i.title, i.grade, i.deaths, i.status, round((at - i.received_at).total_seconds()), i.lat, i.lon)
                for i in incidents]

    first = shape(_build_at(monkeypatch, BUILT), BUILT)
    later = BUILT + timedelta(days=3, hours=7)
    assert shape(_build_at(monkeypatch, later), later) == first
