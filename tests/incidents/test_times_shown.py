"""The duty desk and the incident page show Shanghai times, with the date when it is not today (issue 11.1)."""

import re
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from countydesk.accounts.system import SYSTEM
from countydesk.incidents import services
from countydesk.orgs.models import Unit

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)  # 07:30 on 4 December in Shanghai


@pytest.fixture
def around_midnight_utc(monkeypatch):
    """Two calls: one at 23:04 UTC (07:04 today in Shanghai), one at 15:00 UTC (23:00 yesterday in Shanghai)."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    qingshan, shimen = Unit.objects.get(name="青山镇"), Unit.objects.get(name="石门镇")

    def call(at, town, text, external_id):
        return services.do_import_intakes(SYSTEM, [services.IntakeData(
            received_at=at, address=f"云溪县{town.name}", lat=town.lat, lon=town.lon, category_hint="矿山事故",
            description=text, external_id=external_id)])[0].incident

    return (call(datetime(2026, 12, 3, 23, 4, tzinfo=UTC), qingshan, "青山镇煤矿井下冒顶，两人受伤", "t-1"),
            call(datetime(2026, 12, 3, 15, 0, tzinfo=UTC), shimen, "石门镇采石场边坡垮塌", "t-2"))


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_incident_page_shows_shanghai_times_and_countdowns(client_as, around_midnight_utc):
    today, yesterday = around_midnight_utc
    page = _text(client_as("zhiban").get(f"/incidents/{today.pk}/").content.decode())
    assert "接报时间 07:04 " in page and "23:04" not in page
    # grade Ⅳ: the phone report is due 30 minutes after receipt, the written one after 60
    assert "电话报告 07:34 （剩余 4分）" in page and "书面报告 08:04 （剩余 34分）" in page
    page = _text(client_as("zhiban").get(f"/incidents/{yesterday.pk}/").content.decode())
    assert "接报时间 12月3日 23:00 " in page and "15:00" not in page
    assert "电话报告 12月3日 23:30 （已逾期 8小时）" in page and "书面报告 00:00 （已逾期 7小时30分）" in page


def test_desk_rows_carry_the_times_as_shown(client_as, around_midnight_utc):
    today, yesterday = around_midnight_utc
    state = client_as("zhiban").get("/incidents/desk/state").json()
    intakes = {i["incident_id"]: i["received_at"] for i in state["intakes"]}
    assert intakes[today.pk] == {"at": "2026-12-03T23:04:00+00:00", "label": "07:04"}
    assert intakes[yesterday.pk]["label"] == "12月3日 23:00"
    due = {i["id"]: [d["due_at"]["label"] for d in i["deadlines"]] for i in state["incidents"]}
    assert due[today.pk] == ["07:34", "08:04"] and due[yesterday.pk] == ["12月3日 23:30", "00:00"]
