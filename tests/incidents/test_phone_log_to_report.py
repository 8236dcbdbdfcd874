"""Issue 11 item 5: what the duty phone log holds reaches the 初报 draft and the incident page, in labelled
fields; raw payloads only behind the 原始数据 toggle, for the office."""

from zoneinfo import ZoneInfo

import pytest

from countydesk.incidents import services
from countydesk.incidents.models import PhoneLog

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
CALL = {
    "call-occurred_at": "2026-12-03 06:40", "call-address": "云溪县青山镇石桥村", "call-description": "石桥村后山山体滑坡，冲毁民房两间",
    "call-caller_name": "李强", "call-caller_phone": "0797-6000000", "call-deaths": 0, "call-seriously_injured": 0,
    "log-reporter_unit": "青山镇政府", "log-reporter_position": "值班员", "log-cause": "连日强降雨",
    "log-course": "凌晨6时许后山土体下滑", "log-measures": "已疏散村民32人，设置警戒线", "log-result": "",
    "log-impact": "村道中断", "log-trend": "仍有继续滑动的可能", "log-reported_to": "已报镇长王明 06:50",
}


@pytest.fixture
def logged(client_as):
    response = client_as("zhiban").post("/incidents/phone-log/", CALL)
    assert response.status_code == 302
    return PhoneLog.objects.select_related("intake__incident").latest("recorded_at")


def test_the_initial_report_is_prefilled_from_the_phone_log(logged, user):
    report = services.do_draft_report(user("zhiban"), logged.intake.incident, "initial")
    assert report.cause == "连日强降雨"
    assert report.measures == "已疏散村民32人，设置警戒线"
    assert report.course == "石桥村后山山体滑坡，冲毁民房两间\n凌晨6时许后山土体下滑"
    assert report.scope == "村道中断" and report.trend == "仍有继续滑动的可能"
    assert report.occurred_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") == "2026-12-03 06:40"
    assert report.source == "值班电话（青山镇政府 李强 值班员）"
    assert report.nature == "104 地质灾害" and report.place == "云溪县青山镇石桥村"


def test_a_follow_up_does_not_repeat_the_first_report(logged, user):
    incident = logged.intake.incident
    services.do_draft_report(user("zhiban"), incident, "initial")
    follow_up = services.do_draft_report(user("zhiban"), incident, "followup")
    assert follow_up.cause == "" and follow_up.measures == "" and follow_up.course == ""


def test_the_incident_page_shows_the_log_as_a_duty_officer_reads_it(logged, client_as):
    page = client_as("zhiban").get(f"/incidents/{logged.intake.incident_id}/").content.decode()
    for text in ("事件原因", "连日强降雨", "已采取的措施", "已疏散村民32人", "事发时间", "2026-12-03 06:40",
                 "青山镇政府 李强 值班员", "已报镇长王明", "发展趋势"):
        assert text in page, text
    assert "原始报文" not in page and "{'deaths'" not in page and "JSON" not in page
    assert "原始数据" in page  # the office's toggle


def test_raw_data_only_for_the_office(logged, client_as):
    incident_id = logged.intake.incident_id
    township = client_as("qingshan_xxy").get(f"/incidents/{incident_id}/")
    assert township.status_code == 200
    page = township.content.decode()
    assert "连日强降雨" in page and "原始数据" not in page and "call-" not in page and "caller_phone" not in page


def test_grade_history_reads_as_figures_not_a_dict(client_as, user):
    from .conftest import data

    incident = services.do_import_intakes(user("zhiban"), [data(description="人民路车祸，3人死亡")])[0].incident
    page = client_as("zhiban").get(f"/incidents/{incident.pk}/").content.decode()
    assert "{'deaths'" not in page and "死亡3人" in page
