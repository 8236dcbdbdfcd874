"""Issue 11 item 3: casualties stated in a citizen's or caller's words grade the incident, marked unverified until
the duty officer confirms them; drowning has its type; an unknown type waits visibly on the desk (待分类)."""

import pytest
from django.test import Client

from countydesk.audit.models import AuditEvent
from countydesk.incidents import rules, services
from countydesk.incidents.desk import desk_state
from countydesk.incidents.models import Incident, IncidentRule, Intake

from .conftest import data

pytestmark = pytest.mark.django_db
EXPLOSION = "化工厂发生爆炸，现场有人员死亡，约5人被困"


def _citizen(description, address="云溪县城关镇工业园", ip="10.9.0.1"):
    response = Client(REMOTE_ADDR=ip).post("/incidents/report/", {
        "description": description, "address": address, "caller_phone": "13900000001"})
    assert response.status_code == 200
    return Intake.objects.filter(channel="citizen", description=description).latest("id")


def test_the_explosion_report_is_graded_from_the_stated_casualties_and_sounds_the_alarm(user):
    intake = _citizen(EXPLOSION)
    incident = intake.incident
    assert (intake.deaths, intake.trapped) == (1, 5)
    assert (incident.deaths, incident.trapped, incident.grade) == (1, 5, 3)  # 5 trapped: 危及3人以上生命安全, Ⅲ
    assert incident.figures_from_callers
    row = next(i for i in desk_state(user("zhiban"))["intakes"] if i["id"] == intake.pk)
    assert row["alarm"] and row["unverified"] and row["grade_label"] == "Ⅲ"


def test_any_stated_death_sounds_the_alarm_even_at_grade_four(user):
    intake = _citizen("村口有人员死亡", address="云溪县城关镇")
    assert intake.incident.grade == 4
    row = next(i for i in desk_state(user("zhiban"))["intakes"] if i["id"] == intake.pk)
    assert row["alarm"]
    IncidentRule.objects.filter(key="alarm_casualties").update(value=3)
    rules.clear_cache()
    row = next(i for i in desk_state(user("zhiban"))["intakes"] if i["id"] == intake.pk)
    assert not row["alarm"]


def test_unverified_mark_on_the_incident_page_until_the_duty_officer_enters_figures(client_as, user):
    incident = _citizen(EXPLOSION).incident
    page = client_as("zhiban").get(f"/incidents/{incident.pk}/").content.decode()
    assert "来电人所述，未核实" in page and "死亡1人" in page and "被困5人" in page
    client_as("zhiban").post(f"/incidents/{incident.pk}/", {
        "action": "figures", "deaths": 2, "seriously_injured": 0, "injured": 1, "trapped": 0, "missing": 0,
        "direct_loss": 0})
    incident.refresh_from_db()
    assert incident.figures_verified and (incident.deaths, incident.trapped, incident.injured) == (2, 0, 1)
    assert incident.grade == 4
    page = client_as("zhiban").get(f"/incidents/{incident.pk}/").content.decode()
    assert "来电人所述，未核实" not in page and "死亡2人" in page
    assert not next(i for i in desk_state(user("zhiban"))["incidents"] if i["id"] == incident.pk)["unverified"]


def test_a_later_caller_raising_the_figures_makes_them_unverified_again(user):
    first = services.do_import_intakes(user("zhiban"), [data(description="人民路两车相撞，有人受伤")])[0].incident
    services.do_update_figures(user("zhiban"), first, deaths=0, seriously_injured=0, injured=1, direct_loss=0)
    services.do_import_intakes(user("zhiban"), [data(10, description="人民路车祸，3人死亡")])
    first.refresh_from_db()
    assert first.deaths == 3 and not first.figures_verified and first.grade == 3


def test_figures_a_system_sends_and_words_it_writes_both_count(post_intake):
    body = {"external_id": "sys-1", "received_at": "2026-11-28T09:00:00+08:00", "address": "云溪县城关镇人民路",
            "description": "两车相撞，2人被困车内，1人死亡", "deaths": 0, "injured": 4}
    answer = post_intake(body).json()
    intake = Intake.objects.get(pk=answer["intake_id"])
    assert (intake.deaths, intake.trapped, intake.injured) == (1, 2, 4)


def test_missing_count_with_the_dead_by_rule():
    assert rules.grade_for("2", 0, 0, 0, missing=3) == 3
    IncidentRule.objects.filter(key="missing_counts_as_deaths").update(value=0)
    rules.clear_cache()
    assert rules.grade_for("2", 0, 0, 0, missing=3) == 4
    assert rules.grade_for("2", 0, 0, 0, trapped=10) == 2


def test_someone_in_the_water_is_a_drowning():
    intake = _citizen("桃源乡桥下有人落水", address="桃源乡大桥")
    assert intake.type_code == "207" and intake.incident.type_code == "207"
    assert intake.type_basis == "words" and intake.type_evidence == "落水"


def test_an_unknown_type_waits_on_the_desk_until_the_duty_officer_classifies_it(client_as, user):
    incident = _citizen("这里情况不对，请派人来看看", address="云溪县城关镇")
    incident = incident.incident
    assert incident.type_code == "" and incident.type_basis == ""
    assert incident.timeline.filter(kind="type", text__contains="值班员").exists()
    waiting = desk_state(user("zhiban"))["unclassified"]
    assert incident.pk in [i["id"] for i in waiting]
    desk = client_as("zhiban").get("/incidents/desk/").content.decode()
    assert "待分类" in desk
    page = client_as("zhiban").get(f"/incidents/{incident.pk}/").content.decode()
    assert 'id="to-classify"' in page
    before = AuditEvent.objects.filter(action="incident.classify").count()
    client_as("zhiban").post(f"/incidents/{incident.pk}/", {"action": "classify", "type_code": "406"})
    incident.refresh_from_db()
    assert (incident.type_code, incident.category, incident.type_basis) == ("406", "4", "officer")
    assert incident.title == "城关镇 群体性事件"
    assert AuditEvent.objects.filter(action="incident.classify").count() == before + 1
    assert incident.pk not in [i["id"] for i in desk_state(user("zhiban"))["unclassified"]]


def test_classifying_with_an_unknown_type_changes_nothing(client_as):
    incident = _citizen("这里情况不对，请派人来看看", address="云溪县城关镇").incident
    duty = client_as("zhiban")
    before = AuditEvent.objects.count()
    response = duty.post(f"/incidents/{incident.pk}/", {"action": "classify", "type_code": "999"},
                                        follow=True)
    assert "请选择事件类型" in response.content.decode()
    incident.refresh_from_db()
    assert incident.type_code == "" and AuditEvent.objects.count() == before


def test_township_staff_cannot_classify(user):
    from countydesk.base.errors import Forbidden

    incident = _citizen("这里情况不对，请派人来看看", address="云溪县城关镇").incident
    with pytest.raises(Forbidden):
        services.do_classify_incident(user("chengguan_xxy"), incident, "406")
    assert Incident.objects.get(pk=incident.pk).type_code == ""
