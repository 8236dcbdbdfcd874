"""Dispatch orders (调度令): issuing, every transition with its time and actor, 409s, refusals naming the busy
order, the escalation (once), the outbox messages, and the roles and scoping of the API and the leader's page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from countydesk.audit.models import AuditEvent
from countydesk.base.errors import Forbidden, TransitionNotAllowed, ValidationFailed
from countydesk.command import tasks
from countydesk.command.flows.orders import ORDER_FLOW
from countydesk.command.models import DispatchOrder, OrderEvent, OrderRule, OrderStatus
from countydesk.command.rules.orders import acknowledge_minutes
from countydesk.command.services import orders as services
from countydesk.core.outbox.models import OutboxMessage
from countydesk.incidents.models import Incident
from countydesk.registry.teams.choices import Readiness
from countydesk.registry.teams.models import Team

pytestmark = pytest.mark.django_db


def counts():
    return DispatchOrder.objects.count(), OrderEvent.objects.count(), AuditEvent.objects.count(), \
        OutboxMessage.objects.count()


@pytest.fixture
def emails(user):
    """Addresses for the team leader and the commander, so the outbox has somewhere to send."""
    for name in ("duizhang", "zhihui"):
        u = user(name)
        u.email = f"{name}@yunxi.example"
        u.save(update_fields=["email"])


def test_issue_defaults_to_the_scene_and_notifies_the_unit(chengguan_incident, fire_team, issue, emails):
    order = issue(chengguan_incident, fire_team)
    assert order.status == OrderStatus.ISSUED and order.issued_at is not None
    assert (order.destination, order.lat, order.lon) == (chengguan_incident.address, chengguan_incident.lat,
                                                         chengguan_incident.lon)
    assert AuditEvent.objects.filter(action="order.issue", object_id=str(order.pk)).exists()
    message = OutboxMessage.objects.get(key=f"order:{order.pk}:issue:duizhang@yunxi.example")
    assert fire_team.name in message.subject and chengguan_incident.title in message.body
    assert order.events.get().kind == "issue"


def test_every_transition_keeps_its_time_and_actor(chengguan_incident, fire_team, issue, user):
    order = issue(chengguan_incident, fire_team)
    leader = user("duizhang")
    services.do_acknowledge_order(leader, order)
    services.do_depart_order(leader, order)
    services.do_arrive_order(leader, order)
    services.do_complete_order(user("yingjiban"), order)  # the office may act for the team
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED
    assert order.issued_at <= order.acknowledged_at <= order.departed_at <= order.on_scene_at <= order.completed_at
    steps = list(order.events.values_list("kind", "status", "actor_name"))
    assert steps == [("issue", "issued", "zhihui"), ("acknowledge", "acknowledged", "duizhang"),
                     ("depart", "departed", "duizhang"), ("arrive", "on_scene", "duizhang"),
                     ("complete", "completed", "yingjiban")]
    codes = set(AuditEvent.objects.filter(object_id=str(order.pk), action__startswith="order.")
                .values_list("action", flat=True))
    assert codes == {"order.issue", "order.acknowledge", "order.depart", "order.arrive", "order.complete"}


def test_the_table_is_the_documented_machine():
    assert ORDER_FLOW.table == {
        "issued": {"acknowledged", "declined", "cancelled"}, "acknowledged": {"departed", "cancelled"},
        "departed": {"on_scene", "cancelled"}, "on_scene": {"completed", "cancelled"},
        "completed": set(), "declined": set(), "cancelled": set()}


def test_wrong_transition_is_409_with_the_allowed_states(chengguan_incident, fire_team, issue, user, api_as):
    order = issue(chengguan_incident, fire_team)
    with pytest.raises(TransitionNotAllowed) as err:
        services.do_arrive_order(user("duizhang"), order)
    assert set(err.value.allowed) == {"acknowledged", "declined", "cancelled"}
    api = api_as("duizhang")
    before = counts()
    response = api.post(f"/api/command/orders/{order.pk}/complete", {}, content_type="application/json")
    assert response.status_code == 409
    assert set(response.json()["fields"]["allowed"]) == {"acknowledged", "declined", "cancelled"}
    assert counts() == before


def test_decline_needs_a_reason_and_only_from_issued(chengguan_incident, fire_team, issue, user):
    order = issue(chengguan_incident, fire_team)
    before = counts()
    with pytest.raises(ValidationFailed) as err:
        services.do_decline_order(user("duizhang"), order, "  ")
    assert "reason" in err.value.fields and counts() == before
    services.do_decline_order(user("duizhang"), order, "车辆正在检修")
    order.refresh_from_db()
    assert (order.status, order.reason) == (OrderStatus.DECLINED, "车辆正在检修") and order.ended_at
    with pytest.raises(TransitionNotAllowed):
        services.do_acknowledge_order(user("duizhang"), order)


@pytest.mark.parametrize("steps", [[], ["acknowledge"], ["acknowledge", "depart"],
                                   ["acknowledge", "depart", "arrive"]])
def test_the_office_cancels_from_any_open_state(chengguan_incident, fire_team, issue, user, steps):
    order = issue(chengguan_incident, fire_team)
    for name in steps:
        ORDER_FLOW.run(name, user("duizhang"), order)
    with pytest.raises(Forbidden):
        services.do_cancel_order(user("duizhang"), order, "不需要了")
    services.do_cancel_order(user("yingjiban"), order, "险情已排除")
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED and order.reason == "险情已排除"
    assert order.events.last().actor_name == "yingjiban"


def test_a_busy_team_is_refused_naming_its_order(chengguan_incident, shimen_incident, fire_team, issue):
    first = issue(shimen_incident, fire_team)
    before = counts()
    with pytest.raises(ValidationFailed) as err:
        issue(chengguan_incident, fire_team)
    assert first.number in err.value.message and shimen_incident.title in err.value.message
    assert first.number in err.value.fields["team_id"][0]
    assert counts() == before


def test_a_team_not_ready_is_refused(chengguan_incident, fire_team, issue):
    Team.objects.filter(pk=fire_team.pk).update(readiness=Readiness.NOT_READY)
    before = counts()
    with pytest.raises(ValidationFailed) as err:
        issue(chengguan_incident, fire_team)
    assert fire_team.name in err.value.message and "team_id" in err.value.fields
    assert counts() == before


def test_a_closed_incident_takes_no_orders(chengguan_incident, fire_team, issue):
    Incident.objects.filter(pk=chengguan_incident.pk).update(status="closed")
    chengguan_incident.refresh_from_db()
    before = counts()
    with pytest.raises(ValidationFailed) as err:
        issue(chengguan_incident, fire_team)
    assert "incident_id" in err.value.fields and counts() == before


def test_only_the_office_issues(chengguan_incident, fire_team, issue):
    for name in ("duizhang", "zhiban", "chengguan_ld", "xinxike"):
        with pytest.raises(Forbidden):
            issue(chengguan_incident, fire_team, actor=name)


def test_a_leader_updates_only_their_own_teams_orders(chengguan_incident, flood_team, issue, user):
    order = issue(chengguan_incident, flood_team)
    with pytest.raises(Forbidden):
        services.do_acknowledge_order(user("duizhang"), order)
    for name in ("chengguan_ld", "zhiban"):
        with pytest.raises(Forbidden):
            services.do_acknowledge_order(user(name), order)
    assert DispatchOrder.objects.get(pk=order.pk).status == OrderStatus.ISSUED


def test_acknowledge_limits_come_from_the_rule_table():
    assert acknowledge_minutes(4) == OrderRule.objects.get(key="acknowledge_minutes").value == 10
    assert acknowledge_minutes(1) == OrderRule.objects.get(key="acknowledge_minutes_major").value == 5
    OrderRule.objects.filter(key="acknowledge_minutes").update(value=25)
    assert acknowledge_minutes(3) == 25


def test_an_unacknowledged_order_escalates_once(chengguan_incident, fire_team, issue, emails):
    order = issue(chengguan_incident, fire_team)
    limit = timedelta(minutes=acknowledge_minutes(chengguan_incident.grade))
    others = DispatchOrder.objects.filter(status="issued", escalated_at__isnull=True).exclude(pk=order.pk)
    others.update(issued_at=timezone.now())  # the demo's own waiting orders stay within their limit
    assert services.run_order_escalation(order.issued_at + limit - timedelta(seconds=1)) == 0
    assert services.run_order_escalation(order.issued_at + limit + timedelta(seconds=1)) == 1
    assert services.run_order_escalation(order.issued_at + limit + timedelta(minutes=30)) == 0
    order.refresh_from_db()
    assert order.escalated_at is not None and order.status == OrderStatus.ISSUED
    keys = set(OutboxMessage.objects.filter(key__startswith=f"order:{order.pk}:escalate:").values_list("recipient", flat=True))
    assert keys == {"duizhang@yunxi.example", "zhihui@yunxi.example"}
    assert AuditEvent.objects.filter(action="order.escalate", object_id=str(order.pk)).count() == 1
    assert order.events.filter(kind="escalate").count() == 1


def test_the_periodic_task_escalates_with_the_clock_advanced(chengguan_incident, fire_team, issue, monkeypatch):
    order = issue(chengguan_incident, fire_team)
    others = DispatchOrder.objects.filter(status="issued", escalated_at__isnull=True).exclude(pk=order.pk)
    others.update(issued_at=order.issued_at)
    later = order.issued_at + timedelta(minutes=acknowledge_minutes(chengguan_incident.grade) + 1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    tasks.escalate_orders.call_local()
    order.refresh_from_db()
    assert order.escalated_at == later
    tasks.escalate_orders.call_local()
    assert AuditEvent.objects.filter(action="order.escalate", object_id=str(order.pk)).count() == 1


def test_an_acknowledged_order_does_not_escalate(chengguan_incident, fire_team, issue, user):
    order = issue(chengguan_incident, fire_team)
    services.do_acknowledge_order(user("duizhang"), order)
    services.run_order_escalation(order.issued_at + timedelta(hours=2))
    order.refresh_from_db()
    assert order.escalated_at is None


# ---- the API ----

def _ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["items"]}


def test_api_lists_are_scoped_per_role(chengguan_incident, shimen_incident, fire_team, flood_team, issue, api_as):
    mine = issue(chengguan_incident, fire_team)
    other = issue(shimen_incident, flood_team)
    url = "/api/command/orders?per_page=1000"
    assert {mine.pk, other.pk} <= _ids(api_as("zhihui").get(url))
    assert {mine.pk, other.pk} <= _ids(api_as("zhiban").get(url))
    leader = _ids(api_as("duizhang").get(url))
    assert mine.pk in leader and other.pk not in leader
    assert all(o.team.unit.name == "县消防救援大队" for o in DispatchOrder.objects.filter(pk__in=leader))
    township = _ids(api_as("chengguan_xxy").get(url))
    assert mine.pk in township and other.pk not in township
    assert api_as("xinxike").get(url).status_code == 403
    assert api_as("chengguan_xxy").get(f"/api/command/orders/{other.pk}").status_code == 404
    assert api_as("duizhang").get(f"/api/command/orders/{other.pk}").status_code == 404


def test_api_filters(chengguan_incident, shimen_incident, fire_team, flood_team, issue, api_as):
    mine = issue(chengguan_incident, fire_team)
    issue(shimen_incident, flood_team)
    api = api_as("zhihui")
    assert _ids(api.get(f"/api/command/orders?incident={chengguan_incident.pk}")) == {mine.pk}
    assert mine.pk in _ids(api.get(f"/api/command/orders?team={fire_team.pk}&status=issued"))
    assert mine.pk not in _ids(api.get(f"/api/command/orders?team={fire_team.pk}&status=completed"))


def test_api_issue_and_act(chengguan_incident, fire_team, api_as):
    body = {"incident_id": chengguan_incident.pk, "team_id": fire_team.pk, "task": "灭火救援", "expert_ids": []}
    created = api_as("yingjiban").post("/api/command/orders", body, content_type="application/json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["status"] == "issued" and set(data["allowed"]) == {"acknowledged", "declined", "cancelled"}
    leader = api_as("duizhang")
    for action, state in (("acknowledge", "acknowledged"), ("depart", "departed"), ("arrive", "on_scene")):
        response = leader.post(f"/api/command/orders/{data['id']}/{action}", {}, content_type="application/json")
        assert response.status_code == 200 and response.json()["status"] == state
    unknown = leader.post(f"/api/command/orders/{data['id']}/fly", {}, content_type="application/json")
    assert unknown.status_code == 422 and "complete" in unknown.json()["fields"]["action"]


def test_api_bad_input_changes_nothing(chengguan_incident, shimen_incident, fire_team, api_as, issue):
    busy = issue(shimen_incident, fire_team)
    api = api_as("zhihui")
    cases = [
        {"incident_id": chengguan_incident.pk, "team_id": 999999, "task": "x"},
        {"incident_id": 999999, "team_id": fire_team.pk, "task": "x"},
        {"incident_id": chengguan_incident.pk, "team_id": fire_team.pk, "task": ""},
        {"incident_id": chengguan_incident.pk, "team_id": fire_team.pk, "task": "x", "expert_ids": [999999]},
        {"incident_id": chengguan_incident.pk, "team_id": fire_team.pk, "task": "x"},  # busy
    ]
    before = counts()
    for body in cases:
        response = api.post("/api/command/orders", body, content_type="application/json")
        assert response.status_code == 422, (body, response.content)
        assert set(response.json()) == {"error", "message", "fields"}
    assert busy.number in response.json()["message"]
    assert counts() == before


def test_api_issue_is_refused_to_other_roles(chengguan_incident, fire_team, api_as):
    body = {"incident_id": chengguan_incident.pk, "team_id": fire_team.pk, "task": "x"}
    clients = [api_as(name) for name in ("duizhang", "chengguan_ld", "zhiban")]
    before = counts()
    for api in clients:
        assert api.post("/api/command/orders", body, content_type="application/json").status_code == 403
    assert counts() == before


def test_api_decline_with_reason(chengguan_incident, fire_team, issue, api_as):
    order = issue(chengguan_incident, fire_team)
    leader = api_as("duizhang")
    missing = leader.post(f"/api/command/orders/{order.pk}/decline", {}, content_type="application/json")
    assert missing.status_code == 422 and "reason" in missing.json()["fields"]
    done = leader.post(f"/api/command/orders/{order.pk}/decline", {"reason": "人员不足"}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "declined" and done.json()["reason"] == "人员不足"


def test_openapi_documents_the_order_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/command/orders" in paths and "/api/command/orders/{pk}/{action}" in paths
    assert "409" in paths["/api/command/orders/{pk}/{action}"]["post"]["responses"]


# ---- the team leader's page ----

def test_leader_page_lists_own_open_orders_with_buttons(chengguan_incident, fire_team, flood_team, issue,
                                                       client_as):
    mine = issue(chengguan_incident, fire_team)
    other = issue(chengguan_incident, flood_team)
    page = client_as("duizhang").get("/command/my-orders/")
    assert page.status_code == 200
    orders = [row["order"].pk for row in page.context["rows"]]
    assert mine.pk in orders and other.pk not in orders
    row = next(r for r in page.context["rows"] if r["order"].pk == mine.pk)
    assert [name for name, _label, _text in row["buttons"]] == ["acknowledge", "decline"]
    assert 'name="viewport"' in page.content.decode()


def test_leader_acknowledges_from_the_page_and_a_stale_page_is_409(chengguan_incident, fire_team, issue,
                                                                  client_as):
    order = issue(chengguan_incident, fire_team)
    leader = client_as("duizhang")
    response = leader.post(f"/command/orders/{order.pk}/action", {"action": "acknowledge", "next": "mine"})
    assert response.status_code == 302 and response["Location"] == "/command/my-orders/"
    assert DispatchOrder.objects.get(pk=order.pk).status == OrderStatus.ACKNOWLEDGED
    before = counts()
    stale = leader.post(f"/command/orders/{order.pk}/action", {"action": "acknowledge", "next": "mine"})
    assert stale.status_code == 409 and "departed" in stale.content.decode()
    assert counts() == before


def test_leader_page_and_actions_refuse_other_roles(chengguan_incident, flood_team, issue, client_as):
    order = issue(chengguan_incident, flood_team)
    assert client_as("xinxike").get("/command/my-orders/").status_code == 403
    assert client_as("chengguan_xxy").get("/command/my-orders/").status_code == 403
    response = client_as("duizhang").post(f"/command/orders/{order.pk}/action", {"action": "acknowledge"})
    assert response.status_code == 404
    assert DispatchOrder.objects.get(pk=order.pk).status == OrderStatus.ISSUED
