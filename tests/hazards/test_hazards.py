import json
from datetime import timedelta

import pytest
from django.utils import timezone

from countydesk.audit.models import AuditEvent
from countydesk.base.errors import Forbidden, TransitionNotAllowed
from countydesk.orgs.models import Unit
from countydesk.registry.hazards import services
from countydesk.registry.hazards.models import Hazard, HiddenDanger

pytestmark = pytest.mark.django_db


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _danger(user, unit_name="城关镇", **fields):
    hazard = Hazard.objects.filter(unit__name=unit_name).first()
    return services.do_report_danger(user("admin"), hazard=hazard, description="排洪沟堵塞", level="general", **fields)


def test_demo_has_hazards_and_overdue_dangers():
    assert Hazard.objects.count() >= 25
    assert Hazard.objects.filter(name__startswith="云溪化工有限公司").exists()
    assert Hazard.objects.filter(name__startswith="云溪煤业有限公司").exists()
    assert services.overdue_dangers().exists()


def test_deadline_defaults_from_the_rule(user):
    danger = _danger(user, found_on=timezone.localdate())
    assert danger.deadline == timezone.localdate() + timedelta(days=15)


def test_state_machine_walks_forward_with_audit(user):
    danger, actor = _danger(user), user("yingjiban")
    before = AuditEvent.objects.count()
    danger = services.do_start_rectification(actor, danger, measures="清淤")
    danger = services.do_close_danger(actor, danger)
    assert danger.closed_on == timezone.localdate()
    danger = services.do_verify_danger(actor, danger)
    assert danger.status == "verified" and danger.measures == "清淤"
    assert list(AuditEvent.objects.filter(seq__gt=0).order_by("-seq").values_list("action", flat=True)[:3]) == [
        "hidden_danger.verified", "hidden_danger.closed", "hidden_danger.rectifying"]
    assert AuditEvent.objects.count() == before + 3


def test_failed_verification_reopens(user):
    actor = user("admin")
    danger = services.do_close_danger(actor, services.do_start_rectification(actor, _danger(user)))
    danger = services.do_move_danger(actor, danger, "rectifying")
    assert danger.status == "rectifying" and danger.closed_on is None


def test_wrong_transition_is_409_naming_allowed_states(api_as, user):
    danger = _danger(user)
    client = api_as("yingjiban")
    counts = AuditEvent.objects.count()
    response = _post(client, f"/api/hazards/dangers/{danger.pk}/transition", {"to": "verified"})
    assert response.status_code == 409
    assert response.json()["fields"]["allowed"] == ["rectifying"]
    assert HiddenDanger.objects.get(pk=danger.pk).status == "open" and AuditEvent.objects.count() == counts
    with pytest.raises(TransitionNotAllowed):
        services.do_close_danger(user("admin"), danger)


def test_transition_through_the_api(api_as, user):
    danger = _danger(user)
    response = _post(api_as("chengguan_ld"), f"/api/hazards/dangers/{danger.pk}/transition", {"to": "rectifying"})
    assert response.status_code == 200 and response.json()["status"] == "rectifying"


def test_unit_leader_cannot_move_another_units_danger(user, api_as):
    danger = _danger(user, "青山镇")
    with pytest.raises(Forbidden):
        services.do_start_rectification(user("chengguan_ld"), danger)
    # and the record is outside the leader's scope: 404
    assert _post(api_as("chengguan_ld"), f"/api/hazards/dangers/{danger.pk}/transition",
                 {"to": "rectifying"}).status_code == 404


def test_overdue_list(user, api_as):
    late = _danger(user, found_on=timezone.localdate() - timedelta(days=40),
                   deadline=timezone.localdate() - timedelta(days=1))
    ids = [d["id"] for d in api_as("yingjiban").get("/api/hazards/dangers?overdue=true&per_page=500").json()["items"]]
    assert late.pk in ids
    services.do_start_rectification(user("admin"), late)
    assert late.pk in set(services.overdue_dangers().values_list("pk", flat=True))  # still unresolved
    late = services.do_close_danger(user("admin"), late)
    assert late.pk not in set(services.overdue_dangers().values_list("pk", flat=True))


@pytest.mark.parametrize("username, sees_all", [
    ("yingjiban", True), ("zhihui", True), ("shenji", True), ("chengguan_ld", False), ("qingshan_xxy", False),
])
def test_hazard_reading_is_scoped(api_as, username, sees_all):
    data = api_as(username).get("/api/hazards?per_page=500").json()
    if sees_all:
        assert data["count"] == Hazard.objects.count()
    else:
        unit = api_as(username).get("/api/me").json()
        assert 0 < data["count"] < Hazard.objects.count()
        assert unit


def test_another_units_hazard_is_404(api_as, client_as):
    other = Hazard.objects.filter(unit__name="青山镇").first()
    assert api_as("chengguan_ld").get(f"/api/hazards/{other.pk}").status_code == 404
    assert client_as("chengguan_ld").get(f"/hazards/{other.pk}/").status_code == 404


def test_create_hazard_by_role(api_as):
    unit = Unit.objects.get(name="城关镇")
    body = {"name": "城关镇老旧危房片区", "kind": "other", "level": "general", "unit_id": unit.pk}
    assert _post(api_as("chengguan_ld"), "/api/hazards", body).status_code == 201
    assert _post(api_as("qingshan_xxy"), "/api/hazards", body).status_code == 403
    assert _post(api_as("duizhang"), "/api/hazards", body).status_code == 403
    assert _post(api_as("admin"), "/api/hazards", body | {"level": "huge"}).status_code == 422


def test_geojson_hazard_layer_is_scoped(api_as):
    everything = api_as("yingjiban").get("/api/geo/hazards").json()["features"]
    own = api_as("chengguan_ld").get("/api/geo/hazards").json()["features"]
    assert len(own) < len(everything) == Hazard.objects.exclude(lat=None).count()
    assert {f["properties"]["unit"] for f in own} <= {"城关镇"} | set(
        Unit.objects.filter(path__startswith=Unit.objects.get(name="城关镇").path).values_list("name", flat=True))


def test_pages_and_danger_buttons(client_as, user):
    danger = _danger(user)
    client = client_as("yingjiban")
    for url in ["/hazards/", "/hazards/dangers/", "/hazards/dangers/?overdue=1", "/hazards/new/",
                f"/hazards/{danger.hazard_id}/", f"/hazards/{danger.hazard_id}/add/danger/"]:
        assert client.get(url).status_code == 200, url
    page = client.get(f"/hazards/dangers/{danger.pk}/").content.decode()
    assert 'value="rectifying"' in page
    client.post(f"/hazards/dangers/{danger.pk}/move/", {"to": "rectifying"})
    assert HiddenDanger.objects.get(pk=danger.pk).status == "rectifying"
    response = client.post(f"/hazards/dangers/{danger.pk}/move/", {"to": "verified"}, follow=True)
    assert HiddenDanger.objects.get(pk=danger.pk).status == "rectifying"
    assert "closed" in response.content.decode() or "已关闭" in response.content.decode()


@pytest.mark.parametrize("url", ["/hazards/", "/hazards/dangers/", "/hazards/dangers/?overdue=1"])
def test_list_query_counts_are_pinned(client_as, django_assert_max_num_queries, url):
    client = client_as("yingjiban")
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_report_danger_form_uses_rule_deadline(client_as):
    hazard = Hazard.objects.filter(unit__name="城关镇").first()
    response = client_as("chengguan_ld").post(f"/hazards/{hazard.pk}/add/danger/",
                                              {"description": "护栏缺失", "level": "major"})
    assert response.status_code == 302
    danger = hazard.dangers.get(description="护栏缺失")
    assert danger.deadline == timezone.localdate() + timedelta(days=60)
