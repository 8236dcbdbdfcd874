"""Per-role access, the public form, the phone log, the import, the desk, the statistics (B3, B7, B10)."""

import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import Workbook

from countydesk.accounts.system import SYSTEM
from countydesk.incidents import services
from countydesk.incidents.models import Incident, Intake, PhoneLog, ThrottleRule
from countydesk.orgs.models import Unit

from .conftest import data

pytestmark = pytest.mark.django_db


def _in(town_name, **fields):
    town = Unit.objects.get(name=town_name)
    return services.do_import_intakes(SYSTEM, [data(received_at=timezone.now(), lat=town.lat, lon=town.lon,
                                                    **fields)])[0].incident


def _phone_call(client, town):
    return client.post("/incidents/phone-log/", {
        "call-address": f"云溪县{town}", "call-description": f"{town}某村电话报告山体滑坡", "call-caller_name": "李强",
        "call-caller_phone": "0797-6000000", "call-deaths": 0, "call-seriously_injured": 0,
        "log-reporter_unit": f"{town}政府", "log-reporter_position": "值班员", "log-reported_to": "已报镇长",
    })


def test_duty_officer_logs_a_call_with_the_domain_fields(client_as):
    response = _phone_call(client_as("zhiban"), "青山镇")
    assert response.status_code == 302
    log = PhoneLog.objects.latest("recorded_at")
    assert log.intake.channel == "phone" and log.intake.type_code == "104"
    assert log.intake.township.name == "青山镇" and log.recorder.username == "zhiban"


def test_township_officer_sees_only_own_township_phone_logs(client_as):
    _phone_call(client_as("zhiban"), "青山镇")
    _phone_call(client_as("zhiban"), "城关镇")
    chengguan = client_as("chengguan_xxy").get("/incidents/phone-log/").content.decode()
    qingshan = client_as("qingshan_xxy").get("/incidents/phone-log/").content.decode()
    assert "城关镇某村" in chengguan and "青山镇某村" not in chengguan
    assert "青山镇某村" in qingshan and "城关镇某村" not in qingshan
    assert "城关镇某村" in client_as("yingjiban").get("/incidents/phone-log/").content.decode()


def test_township_officer_sees_own_incidents_only(client_as, api_as):
    own, other = _in("城关镇"), _in("青山镇")
    assert client_as("chengguan_xxy").get(f"/incidents/{own.pk}/").status_code == 200
    assert client_as("chengguan_xxy").get(f"/incidents/{other.pk}/").status_code == 404
    api = api_as("chengguan_xxy")
    ids = {i["id"] for i in api.get("/api/incidents?per_page=1000").json()["items"]}
    assert own.pk in ids and other.pk not in ids
    assert api.get(f"/api/incidents/{other.pk}").status_code == 404


@pytest.mark.parametrize("name,status", [("zhiban", 200), ("yingjiban", 200), ("zhihui", 200), ("chengguan_xxy", 404),
                                         ("xinxike", 404)])
def test_desk_is_for_the_desk_roles(client_as, name, status):
    assert client_as(name).get("/incidents/desk/").status_code == status
    assert client_as(name).get("/incidents/desk/state").status_code == status


def test_desk_requires_sign_in():
    assert Client().get("/incidents/desk/").status_code == 302


def test_desk_state_lists_new_intakes_and_countdowns(client_as):
    incident = _in("白沙镇", deaths=10)
    state = client_as("zhiban").get("/incidents/desk/state").json()
    row = next(i for i in state["incidents"] if i["id"] == incident.pk)
    assert row["urgent"] and row["grade_label"] == "Ⅱ" and len(row["deadlines"]) == 2
    assert state["intakes"][0]["incident_id"] == incident.pk
    assert state["change"] > 0


def test_desk_page_follows_the_desk_event_stream(client_as):
    # The stream itself is served by the ASGI front (tests/core/test_events_served.py).
    assert 'new EventSource("/events/incidents.desk")' in client_as("zhiban").get("/incidents/desk/").content.decode()


def test_every_timeline_entry_is_announced_on_the_desk_topic_after_commit(monkeypatch, django_capture_on_commit_callbacks):
    from countydesk.core.events import publishing
    from countydesk.incidents.services.common import timeline

    sent = []
    monkeypatch.setattr(publishing, "send", sent.append)
    incident = Incident.objects.filter(township__isnull=False).first()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        timeline(incident, "note", "值班员备注")
    assert sent == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert [(m["topic"], m["unit"], m["data"]["incident"]) for m in sent] == [
        ("incidents.desk", incident.township.path, incident.pk)]


def test_desk_page_query_count(client_as, django_assert_max_num_queries):
    client = client_as("zhiban")
    # 12 before issue 11: one more for the 待分类 list, one for the alarm rule row (cached for RULE_TTL in a server)
    with django_assert_max_num_queries(14):
        client.get("/incidents/desk/state")


def test_public_form_without_sign_in_and_throttled_per_address():
    ThrottleRule.objects.update(max_reports=2)
    form = {"description": "桃源乡桥下有人落水", "address": "桃源乡大桥", "caller_phone": "13900000000"}
    public = Client(REMOTE_ADDR="10.1.1.1")
    assert public.get("/incidents/report/").status_code == 200
    assert public.post("/incidents/report/", form).status_code == 200
    assert public.post("/incidents/report/", form).status_code == 200
    assert public.post("/incidents/report/", form).status_code == 429
    assert Client(REMOTE_ADDR="10.1.1.2").post("/incidents/report/", form).status_code == 200
    intakes = Intake.objects.filter(channel="citizen", description="桃源乡桥下有人落水")
    assert intakes.count() == 3 and intakes.first().township.name == "桃源乡"


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "intakes.xlsx"
    return buffer


HEADER = ["external_id", "received_at", "address", "description", "lat", "lon"]


def test_import_reports_every_bad_row_and_imports_nothing(client_as):
    before = Intake.objects.count()
    upload = _xlsx([HEADER, ["a1", "2026-11-28T08:00:00+08:00", "石门镇", "石门镇河堤渗水", None, None],
                    ["a2", "yesterday", "石门镇", "x", None, None], ["a3", "2026-11-28T08:10:00+08:00", "", "y", None, None]])
    response = client_as("zhiban").post("/incidents/import/", {"file": upload})
    assert response.status_code == 422
    page = response.content.decode()
    assert "row 3" in page or "第 3 行" in page
    assert "row 4" in page or "第 4 行" in page
    assert Intake.objects.count() == before


def test_import_of_a_clean_csv(client_as):
    csv = ("external_id,received_at,address,description\n"
           "c1,2026-11-28T08:00:00+08:00,河口镇老街,河口镇老街内涝积水\n"
           "c2,2026-11-28T08:05:00+08:00,龙潭乡,龙潭乡道路塌方\n").encode()
    upload = io.BytesIO(csv)
    upload.name = "intakes.csv"
    before = Intake.objects.count()
    assert client_as("yingjiban").post("/incidents/import/", {"file": upload}).status_code == 302
    assert Intake.objects.count() == before + 2
    assert client_as("chengguan_xxy").get("/incidents/import/").status_code == 404


def test_detail_page_actions(client_as):
    incident = _in("杨柳镇")
    client = client_as("zhiban")
    assert client.post(f"/incidents/{incident.pk}/", {"action": "verify"}).status_code == 302
    assert Incident.objects.get(pk=incident.pk).status == "verified"
    response = client.post(f"/incidents/{incident.pk}/", {"action": "report", "kind": "initial"})
    assert response.status_code == 302 and "/incidents/reports/" in response["Location"]
    assert client.get(response["Location"]).status_code == 200
    assert client.get(f"/incidents/{incident.pk}/").status_code == 200


def test_statistics_page_and_export(client_as):
    _in("杨柳镇")
    client = client_as("yingjiban")
    page = client.get("/incidents/statistics/")
    assert page.status_code == 200 and b"<svg" in page.content
    export = client.get("/incidents/statistics/?format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_incident_list_query_count(client_as, django_assert_max_num_queries):
    client = client_as("zhiban")
    with django_assert_max_num_queries(10):
        assert client.get("/incidents/").status_code == 200


def test_dashboard_card_for_the_desk_and_the_leaders_reminders(client_as):
    incident = _in("南湖镇", deaths=10)
    services.run_escalation(incident.deadlines.get(kind="phone").warn_at)
    page = client_as("lingdao").get("/").content.decode()
    assert "值班台" in page and "我的提醒" in page and incident.title in page
    assert "值班台" not in client_as("xinxike").get("/").content.decode()
