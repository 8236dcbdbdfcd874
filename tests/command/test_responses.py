"""Response activation (启动响应), level changes and termination (响应终止): transitions, roles, scoping,
bad input, notifications through the outbox, the incident moving to 响应中, the pages and the demo."""

import pytest
from django.utils import timezone

from countydesk.accounts.models import User
from countydesk.accounts.system import SYSTEM
from countydesk.audit.models import AuditEvent
from countydesk.base.errors import TransitionNotAllowed, ValidationFailed
from countydesk.command.models import Response, ResponseLevelChange
from countydesk.command.services import responses as services
from countydesk.core.outbox.models import OutboxMessage
from countydesk.incidents import services as incident_services
from countydesk.incidents.choices import OPEN_STATUSES
from countydesk.incidents.models import Incident
from countydesk.orgs.models import Person
from countydesk.registry.plans.applicability import suggest
from countydesk.registry.plans.choices import PlanKind

from ..incidents.conftest import data

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident():
    """A fresh traffic accident in 城关镇 (grade Ⅳ), just received."""
    intake = incident_services.do_import_intakes(SYSTEM, [data(received_at=timezone.now(), lat=29.1, lon=114.7)])[0]
    return intake.incident


@pytest.fixture
def special(incident):
    """The first suggested plan that is not the overall plan, its lead unit given an e-mail address."""
    suggestion = next(s for s in suggest(incident) if s.plan.kind != PlanKind.OVERALL)
    Person.objects.create(name="牵头单位值班员", email="lead-duty@example.org", unit=suggestion.plan.lead_unit)
    return suggestion


def counts():
    return Response.objects.count(), ResponseLevelChange.objects.count(), AuditEvent.objects.count(), \
        OutboxMessage.objects.count()


def activate(api, incident, suggestion, **changes):
    body = {"incident_id": incident.pk, "plan_id": suggestion.plan.pk, "level": suggestion.level} | changes
    return api.post("/api/command/responses", body, content_type="application/json")


def test_activation_records_who_when_why_notifies_the_units_and_moves_the_incident(api_as, incident, special):
    assert incident.status == "received"
    answer = activate(api_as("zhihui"), incident, special)
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["plan_id"], body["level"], body["status"], body["activated_by"]) == (
        special.plan.pk, special.level, "active", "zhihui")
    assert body["suggested_level"] == special.level and body["allowed_next"] == ["active", "terminated"]
    incident.refresh_from_db()
    assert incident.status == "responding"
    assert incident.timeline.filter(kind="response").exists()
    response = Response.objects.get(pk=body["id"])
    assert AuditEvent.objects.filter(action="response.activate", object_id=str(response.pk)).exists()
    messages = OutboxMessage.objects.filter(key__startswith=f"response:{response.pk}:activate:")
    assert "lead-duty@example.org" in set(messages.values_list("recipient", flat=True))
    assert all(special.plan.title in m.subject for m in messages)


def test_a_second_activation_of_the_same_plan_is_a_conflict_and_changes_nothing(api_as, incident, special):
    api, office = api_as("zhihui"), api_as("yingjiban")
    assert activate(api, incident, special).status_code == 201
    before = counts()
    again = activate(office, incident, special)
    assert again.status_code == 409 and "已启动此预案" in again.json()["message"]
    assert counts() == before


@pytest.mark.parametrize("username", ["zhiban", "duizhang", "chengguan_xxy"])
def test_roles_that_may_not_activate_are_refused_and_the_attempt_is_audited(api_as, incident, special, username):
    before = Response.objects.count(), OutboxMessage.objects.count()
    answer = activate(api_as(username), incident, special)
    assert answer.status_code == 403
    assert (Response.objects.count(), OutboxMessage.objects.count()) == before
    incident.refresh_from_db()
    assert incident.status == "received"
    assert AuditEvent.objects.filter(action="response.activate_refused", actor__username=username,
                                         object_id=str(incident.pk)).exists()


def test_the_emergency_office_may_activate(api_as, incident, special):
    assert activate(api_as("yingjiban"), incident, special).status_code == 201


@pytest.mark.parametrize("changes, field", [
    ({"level": "V"}, "level"),
    ({"plan_id": 999999}, "plan_id"),
    ({"incident_id": 999999}, "incident_id"),
])
def test_bad_input_is_422_naming_the_field_and_changes_nothing(api_as, incident, special, changes, field):
    api = api_as("zhihui")
    before = counts()
    answer = activate(api, incident, special, **changes)
    assert answer.status_code == 422
    assert any(field in key for key in answer.json()["fields"])
    assert counts() == before


def test_another_level_than_suggested_needs_a_reason(api_as, incident, special):
    other = "I" if special.level != "I" else "II"
    api = api_as("zhihui")
    before = counts()
    refused = activate(api, incident, special, level=other)
    assert refused.status_code == 422 and "reason" in refused.json()["fields"]
    assert counts() == before
    accepted = activate(api, incident, special, level=other, reason="伤亡可能扩大，提级响应")
    assert accepted.status_code == 201
    assert (accepted.json()["level"], accepted.json()["suggested_level"]) == (other, special.level)


def test_level_change_is_its_own_row_and_termination_ends_every_transition(api_as, incident, special):
    api = api_as("zhihui")
    pk = activate(api, incident, special).json()["id"]
    changed = api.post(f"/api/command/responses/{pk}/level", {"level": "III", "reason": "险情扩大"},
                       content_type="application/json")
    assert changed.status_code == 200 and changed.json()["level"] == "III"
    (change,) = changed.json()["level_changes"]
    assert (change["level_from"], change["level_to"], change["changed_by"]) == (special.level, "III", "zhihui")
    assert AuditEvent.objects.filter(action="response.change_level", object_id=str(pk)).count() == 1
    same = api.post(f"/api/command/responses/{pk}/level", {"level": "III", "reason": "再次"},
                    content_type="application/json")
    assert same.status_code == 422
    no_reason = api.post(f"/api/command/responses/{pk}/level", {"level": "II", "reason": ""},
                         content_type="application/json")
    assert no_reason.status_code == 422
    ended = api.post(f"/api/command/responses/{pk}/terminate", {"reason": "险情解除"}, content_type="application/json")
    assert ended.status_code == 200
    body = ended.json()
    assert (body["status"], body["terminated_by"], body["termination_reason"]) == ("terminated", "zhihui", "险情解除")
    assert body["terminated_at"] and body["allowed_next"] == []
    for path, payload in (("terminate", {"reason": "再次终止"}), ("level", {"level": "II", "reason": "再升级"})):
        late = api.post(f"/api/command/responses/{pk}/{path}", payload, content_type="application/json")
        assert late.status_code == 409 and late.json()["fields"]["allowed"] == []
    assert ResponseLevelChange.objects.filter(response_id=pk).count() == 1


def test_wrong_transition_in_the_service_names_the_allowed_states(user, incident, special):
    zhihui = user("zhihui")
    response = services.do_activate_response(zhihui, incident, special.plan, special.level)
    services.do_terminate_response(zhihui, response, "结束")
    with pytest.raises(TransitionNotAllowed) as err:
        services.do_change_response_level(zhihui, response, "I", "升级")
    assert err.value.allowed == []
    with pytest.raises(ValidationFailed):
        services.do_terminate_response(zhihui, Response.objects.get(pk=response.pk), "")


def test_after_termination_the_plan_can_be_activated_again(user, incident, special):
    zhihui = user("zhihui")
    first = services.do_activate_response(zhihui, incident, special.plan, special.level)
    services.do_terminate_response(zhihui, first, "结束")
    second = services.do_activate_response(zhihui, incident, special.plan, special.level)
    assert second.pk != first.pk and second.status == "active"


@pytest.mark.parametrize("username", ["zhiban", "duizhang"])
def test_roles_that_may_not_change_or_terminate_get_403(api_as, user, incident, special, username):
    response = services.do_activate_response(user("zhihui"), incident, special.plan, special.level)
    api = api_as(username)
    before = counts()
    for path, payload in (("terminate", {"reason": "x"}), ("level", {"level": "I", "reason": "x"})):
        answer = api.post(f"/api/command/responses/{response.pk}/{path}", payload,
                                       content_type="application/json")
        assert answer.status_code in (403, 404)
    assert counts() == before


def test_list_and_get_are_scoped_to_the_townships_incidents(api_as, user, incident, special):
    response = services.do_activate_response(user("zhihui"), incident, special.plan, special.level)
    county = api_as("zhiban").get("/api/command/responses?per_page=1000").json()
    assert response.pk in [r["id"] for r in county["items"]]
    town = User.objects.get(username="chengguan_ld")
    incident.township = town.unit  # the accident happened in 城关镇
    incident.save(update_fields=["township"])
    own = api_as("chengguan_ld").get("/api/command/responses?per_page=1000").json()
    townships = set(Incident.objects.filter(responses__id__in=[r["id"] for r in own["items"]])
                    .values_list("township_id", flat=True))
    assert townships == {town.unit_id} and response.pk in [r["id"] for r in own["items"]]
    assert api_as("chengguan_xxy").get(f"/api/command/responses/{response.pk}").status_code == 200
    assert api_as("qingshan_xxy").get(f"/api/command/responses/{response.pk}").status_code == 404
    other = Response.objects.exclude(incident__township=town.unit).first()
    assert other is not None  # the demo's responses are elsewhere
    assert api_as("chengguan_ld").get(f"/api/command/responses/{other.pk}").status_code == 404
    assert api_as("zhihui").get(f"/api/command/responses/{other.pk}").status_code == 200


def test_suggestions_over_the_api_carry_reasons(api_as, incident):
    answer = api_as("zhihui").get(f"/api/command/responses/suggestions/{incident.pk}")
    assert answer.status_code == 200
    rows = answer.json()
    assert rows and all(r["reason"] for r in rows)
    assert rows[-1]["plan_title"] == "云溪县突发事件总体应急预案"
    assert "202" in rows[0]["reason"]


def test_incident_page_links_to_the_activation_form_for_roles_that_may(client_as, incident):
    link = f"/command/responses/activate/{incident.pk}/"
    assert link in client_as("zhihui").get(f"/incidents/{incident.pk}/").content.decode()
    assert link not in client_as("zhiban").get(f"/incidents/{incident.pk}/").content.decode()
    assert client_as("zhiban").get(link).status_code == 403


def test_activation_page_shows_the_suggestions_and_activates(client_as, incident, special):
    client = client_as("zhihui")
    page = client.get(f"/command/responses/activate/{incident.pk}/").content.decode()
    assert special.plan.title in page and special.reason in page
    answer = client.post(f"/command/responses/activate/{incident.pk}/",
                         {"plan": special.plan.pk, "level": special.level, "reason": ""})
    response = Response.objects.get(incident=incident, plan=special.plan)
    assert answer.status_code == 302 and answer["Location"] == f"/command/responses/{response.pk}/"
    detail = client.get(answer["Location"]).content.decode()
    assert "调整响应级别" in detail and "终止响应" in detail
    client.post(answer["Location"], {"action": "terminate", "reason": "处置完毕"})
    response.refresh_from_db()
    assert response.status == "terminated" and response.termination_reason == "处置完毕"


def test_the_demo_has_two_active_responses_on_open_incidents():
    active = Response.objects.filter(status="active", activated_by__username="zhihui").select_related("incident")
    assert active.count() >= 2
    assert all(r.incident.status in OPEN_STATUSES for r in active)
    assert len({r.incident_id for r in active}) >= 2


def test_openapi_documents_the_response_endpoints(client_as):
    doc = client_as("admin").get("/api/openapi.json").json()
    paths = doc["paths"]
    for path in ("/api/command/responses", "/api/command/responses/{pk}", "/api/command/responses/{pk}/level",
                 "/api/command/responses/{pk}/terminate", "/api/command/responses/suggestions/{incident_id}"):
        assert path in paths, path
    assert "ActivateIn" in doc["components"]["schemas"] and "ResourceOut" in doc["components"]["schemas"]


def test_the_response_page_follows_the_live_topic_and_is_scoped(client_as, user, incident, special):
    response = services.do_activate_response(user("zhihui"), incident, special.plan, special.level)
    page = client_as("zhiban").get(f"/command/responses/{response.pk}/").content.decode()
    assert "/events/command.responses" in page and "调整响应级别" not in page  # the desk reads, does not act
    assert client_as("qingshan_xxy").get(f"/command/responses/{response.pk}/").status_code == 404
