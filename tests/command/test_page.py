"""The command page (指挥调度台): per role, its panels and map layers, the plug-in registry, the live topic, and
the list of active incidents."""

import pytest

from countydesk.command import page as registry
from countydesk.command.models import DispatchOrder
from countydesk.command.services import orders as services
from countydesk.core.events.models import Event
from countydesk.core.events.topics import TOPICS

pytestmark = pytest.mark.django_db


def test_the_commander_sees_orders_map_timeline_and_the_issue_form(chengguan_incident, fire_team, issue, client_as):
    order = issue(chengguan_incident, fire_team)
    page = client_as("zhihui").get(f"/command/incident/{chengguan_incident.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert list(page.context["panels"]) == ["responses", "advice", "orders", "issue", "stock", "timeline"]
    assert f'data-order="{order.pk}"' in html and 'name="team"' in html and 'id="command-map"' in html
    assert "/events/command.incident" in html and "leaflet.js" in html and "cdn" not in html.lower()
    assert "撤销调度令" in html


def test_the_team_leader_sees_only_their_teams_orders_and_no_issue_form(chengguan_incident, fire_team, flood_team,
                                                                        issue, client_as):
    mine, other = issue(chengguan_incident, fire_team), issue(chengguan_incident, flood_team)
    page = client_as("duizhang").get(f"/command/incident/{chengguan_incident.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-order="{mine.pk}"' in html and f'data-order="{other.pk}"' not in html
    assert "issue" not in page.context["panels"]
    names = {f["properties"]["name"] for f in client_as("duizhang").get(
        f"/command/incident/{chengguan_incident.pk}/map").json()["teams"]["features"]}
    assert names == {fire_team.name}


def test_a_team_leader_without_orders_there_gets_404(shimen_incident, client_as):
    DispatchOrder.objects.filter(incident=shimen_incident).delete()
    assert client_as("duizhang").get(f"/command/incident/{shimen_incident.pk}/").status_code == 404


def test_a_township_sees_its_incidents_only(chengguan_incident, shimen_incident, fire_team, issue, client_as):
    issue(chengguan_incident, fire_team)
    township = client_as("chengguan_xxy")
    page = township.get(f"/command/incident/{chengguan_incident.pk}/")
    assert page.status_code == 200 and "issue" not in page.context["panels"]
    assert 'name="action"' not in page.context["panels"]["orders"]
    assert township.get(f"/command/incident/{shimen_incident.pk}/").status_code == 404
    assert township.get(f"/command/incident/{shimen_incident.pk}/state").status_code == 404


def test_roles_without_command_view_are_refused(chengguan_incident, client_as):
    for name in ("xinxike",):
        assert client_as(name).get(f"/command/incident/{chengguan_incident.pk}/").status_code == 403
        assert client_as(name).get("/command/").status_code == 403


def test_the_page_issues_an_order_and_reports_refusals(chengguan_incident, fire_team, client_as):
    office = client_as("yingjiban")
    url = f"/command/incident/{chengguan_incident.pk}/"
    response = office.post(url, {"team": fire_team.pk, "task": "灭火救援"}, follow=True)
    assert response.status_code == 200
    order = DispatchOrder.objects.get(incident=chengguan_incident, team=fire_team, status="issued")
    busy = office.post(url, {"team": fire_team.pk, "task": "再派一次"}, follow=True)
    assert order.number in busy.content.decode()
    assert DispatchOrder.objects.filter(incident=chengguan_incident, team=fire_team).count() == 1
    assert client_as("duizhang").post(url, {"team": fire_team.pk, "task": "x"}, follow=True).status_code == 200
    assert DispatchOrder.objects.filter(incident=chengguan_incident, team=fire_team).count() == 1


def test_the_office_acts_from_the_page(chengguan_incident, fire_team, issue, client_as):
    order = issue(chengguan_incident, fire_team)
    response = client_as("yingjiban").post(f"/command/orders/{order.pk}/action",
                                           {"action": "cancel", "reason": "改派其他队伍"})
    assert response.status_code == 302 and response["Location"] == f"/command/incident/{chengguan_incident.pk}/"
    order.refresh_from_db()
    assert order.status == "cancelled" and order.reason == "改派其他队伍"


def test_the_timeline_merges_incident_entries_and_order_steps(chengguan_incident, fire_team, issue, user, client_as):
    order = issue(chengguan_incident, fire_team)
    services.do_acknowledge_order(user("duizhang"), order)
    entries = client_as("zhihui").get(f"/command/incident/{chengguan_incident.pk}/").context
    html = entries["panels"]["timeline"]
    assert fire_team.name in html and chengguan_incident.timeline.first().text in html


def test_the_state_endpoint_gives_fragments_and_layers(chengguan_incident, fire_team, issue, client_as):
    issue(chengguan_incident, fire_team)
    state = client_as("zhihui").get(f"/command/incident/{chengguan_incident.pk}/state").json()
    assert set(state["panels"]) == {"responses", "advice", "orders", "issue", "stock", "timeline"}
    assert state["map"]["scene"]["features"][0]["geometry"]["coordinates"] == [
        round(chengguan_incident.lon, 6), round(chengguan_incident.lat, 6)]
    assert [f["properties"]["status"] for f in state["map"]["teams"]["features"]] == ["issued"]


# The office's page carries the decision support (advice: its own queries, pinned in test_advice).
@pytest.mark.parametrize("name,limit", [("zhihui", 36), ("yingjiban", 36), ("zhiban", 20), ("duizhang", 20),
                                        ("chengguan_xxy", 20)])
def test_page_queries_are_pinned(name, limit, chengguan_incident, free_team, issue, client_as,
                                 django_assert_max_num_queries):
    for team in ("县消防救援大队", "县水利局防汛抢险队", "县供电公司电力抢修队", "县红十字会救护队"):
        issue(chengguan_incident, free_team(team))
    client = client_as(name)
    with django_assert_max_num_queries(limit):
        assert client.get(f"/command/incident/{chengguan_incident.pk}/").status_code == 200
    with django_assert_max_num_queries(limit):
        assert client.get(f"/command/incident/{chengguan_incident.pk}/state").status_code == 200


def test_an_order_change_publishes_on_the_topic(chengguan_incident, fire_team, issue, user):
    assert TOPICS["command.incident"].permission == "command.view"
    start = Event.objects.filter(topic="command.incident").count()
    order = issue(chengguan_incident, fire_team)
    services.do_acknowledge_order(user("duizhang"), order)
    events = list(Event.objects.filter(topic="command.incident").order_by("id"))[start:]
    assert {e.data["kind"] for e in events} == {"issue", "acknowledge"}
    assert all(e.data["incident"] == chengguan_incident.pk and e.data["order"] == order.pk for e in events)
    paths = {e.unit_path for e in events}
    assert paths == {chengguan_incident.township.path, fire_team.unit.path}


def test_other_features_plug_in_panels_and_layers(chengguan_incident, client_as):
    registry.register_panel("probe", "command/panels/timeline.html",
                            lambda request, incident: {"entries": [{"at": incident.received_at, "text": "探针面板",
                                                                    "actor": "", "kind": "probe"}]}, order=50)
    registry.register_map_layer("probe", lambda incident: [{"type": "Feature", "properties": {"name": "p"},
                                                            "geometry": {"type": "Point", "coordinates": [0, 0]}}])
    try:
        state = client_as("zhihui").get(f"/command/incident/{chengguan_incident.pk}/state").json()
        assert "探针面板" in state["panels"]["probe"] and len(state["map"]["probe"]["features"]) == 1
        assert list(state["panels"]) == ["responses", "advice", "orders", "issue", "stock", "probe", "timeline"]
    finally:
        registry.PANELS.pop("probe")
        registry.MAP_LAYERS.pop("probe")


def test_the_active_incidents_list_links_to_command_pages(chengguan_incident, client_as):
    page = client_as("zhihui").get("/command/")
    assert page.status_code == 200 and f"/command/incident/{chengguan_incident.pk}/" in page.content.decode()
    township = client_as("chengguan_xxy").get("/command/").content.decode()
    assert f"/command/incident/{chengguan_incident.pk}/" in township
    assert "石门镇" not in township


def test_the_office_sees_the_response_and_the_advice_the_others_do_not(chengguan_incident, client_as, user):
    from countydesk.command.services.responses import do_activate_response
    from countydesk.registry.plans.applicability import suggest

    suggestion = suggest(chengguan_incident)[0]
    if not chengguan_incident.responses.filter(plan=suggestion.plan, status="active").exists():  # the demo's
        do_activate_response(user("zhihui"), chengguan_incident, suggestion.plan, suggestion.level)
    page = client_as("zhihui").get(f"/command/incident/{chengguan_incident.pk}/")
    advice = page.context["panels"]["advice"]
    assert "辅助决策" in advice and suggestion.plan.title in advice and "距事发地" in advice
    assert suggestion.plan.title in page.context["panels"]["responses"]
    assert "启动响应" not in page.context["panels"]["responses"]  # one is active already
    for name in ("zhiban", "chengguan_xxy"):
        assert "advice" not in client_as(name).get(f"/command/incident/{chengguan_incident.pk}/").context["panels"]
