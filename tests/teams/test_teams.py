import json
from datetime import timedelta

import pytest
from django.utils import timezone

from countydesk.audit.models import AuditEvent
from countydesk.base.errors import Forbidden, ValidationFailed
from countydesk.orgs.models import Unit
from countydesk.registry.teams import services
from countydesk.registry.teams.models import Certificate, Expert, Team, Volunteer
from countydesk.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_demo_has_the_registry():
    assert Team.objects.count() == 80
    assert Team.objects.filter(name="县消防救援大队").exists()
    assert Volunteer.objects.count() == 30 and Expert.objects.count() == 60
    assert services.expiring_certificates().exists()


def test_emergency_staff_creates_a_team_with_audit_and_search(api_as):
    unit, client = Unit.objects.get(name="城关镇"), api_as("yingjiban")
    before = AuditEvent.objects.count()
    response = _post(client, "/api/teams", {
        "name": "城关镇应急突击队", "kind": "part_time", "unit_id": unit.pk, "headcount": 20,
        "capabilities": ["101", "104"], "lat": 29.1, "lon": 114.6})
    assert response.status_code == 201, response.content
    team = Team.objects.get(pk=response.json()["id"])
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.latest("seq").action == "team.create"
    assert SearchDocument.objects.filter(kind="team", object_id=str(team.pk)).exists()


@pytest.mark.parametrize("body, field", [
    ({"capabilities": ["999"]}, "capabilities"),
    ({"lat": 29.1}, "lat"),
    ({"unit_id": 999999}, "unit_id"),
    ({"headcount": -1}, "headcount"),
])
def test_bad_team_input_is_422_and_changes_nothing(api_as, body, field):
    unit = Unit.objects.get(name="城关镇")
    payload = {"name": "坏数据队", "kind": "part_time", "unit_id": unit.pk} | body
    client = api_as("admin")
    counts = Team.objects.count(), AuditEvent.objects.count()
    response = _post(client, "/api/teams", payload)
    assert response.status_code == 422
    assert field in json.dumps(response.json()["fields"])
    assert (Team.objects.count(), AuditEvent.objects.count()) == counts


@pytest.mark.parametrize("username, unit_name, allowed", [
    ("admin", "青山镇", True),
    ("yingjiban", "青山镇", True),
    ("chengguan_ld", "城关镇", True),      # unit leader: own unit
    ("chengguan_ld", "青山镇", False),     # … not another's
    ("duizhang", "县消防救援大队", True),   # team leader: own team's home unit
    ("duizhang", "城关镇", False),
    ("qingshan_xxy", "青山镇", False),     # information officer reads only
    ("zhihui", "青山镇", False),
])
def test_who_may_create_a_team(user, username, unit_name, allowed):
    actor = user(username)
    unit = Unit.objects.get(name=unit_name)
    if allowed:
        assert services.do_create_team(actor, name="测试队", kind="part_time", unit=unit).pk
    else:
        with pytest.raises(Forbidden):
            services.do_create_team(actor, name="测试队", kind="part_time", unit=unit)


def test_team_leader_updates_own_team_but_not_others(user):
    leader = user("duizhang")
    own = Team.objects.get(name="县消防救援大队")
    services.do_update_team(leader, own, readiness="partly")
    assert Team.objects.get(pk=own.pk).readiness == "partly"
    other = Team.objects.exclude(unit=leader.unit).first()
    with pytest.raises(Forbidden):
        services.do_update_team(leader, other, readiness="partly")
    with pytest.raises(Forbidden):  # nor move its own team into another unit
        services.do_update_team(leader, own, unit=other.unit)


def test_expiring_certificates_follow_the_rule(user):
    team = Team.objects.get(name="县消防救援大队")
    actor = user("admin")
    member = services.do_add_member(actor, team=team, name="李测试")
    soon = services.do_add_certificate(actor, member=member, name="救援证", expires=timezone.localdate() + timedelta(days=10))
    late = services.do_add_certificate(actor, member=member, name="救援证", expires=timezone.localdate() + timedelta(days=400))
    expiring = set(services.expiring_certificates().values_list("pk", flat=True))
    assert soon.pk in expiring and late.pk not in expiring


def test_certificate_expiry_list_is_scoped(api_as):
    everything = api_as("yingjiban").get("/api/teams/certificates/expiring?per_page=1000").json()["count"]
    own = api_as("duizhang").get("/api/teams/certificates/expiring?per_page=1000").json()
    assert everything == services.expiring_certificates().count()
    ids = [c["member_id"] for c in own["items"]]
    assert own["count"] < everything
    assert set(Certificate.objects.filter(member_id__in=ids).values_list("member__team__unit__name", flat=True)) <= {
        "县消防救援大队"}


def test_volunteers_are_scoped_to_the_unit(api_as):
    assert api_as("yingjiban").get("/api/teams/volunteers?per_page=100").json()["count"] == 30
    chengguan = api_as("chengguan_ld").get("/api/teams/volunteers?per_page=100").json()
    assert chengguan["count"] == Volunteer.objects.filter(unit__name="城关镇").count()
    assert api_as("fgj_xxy").get("/api/teams/volunteers").json()["count"] == 0


def test_capability_filter(api_as):
    items = api_as("zhiban").get("/api/teams?capability=201&per_page=100").json()["items"]
    assert items and all("201" in t["capabilities"] for t in items)


def test_experts_by_specialty(api_as):
    items = api_as("zhiban").get("/api/teams/experts?specialty=101").json()["items"]
    assert items and all("101" in e["specialties"] for e in items)


def test_team_pages_in_chinese(client_as):
    client = client_as("yingjiban")
    team = Team.objects.get(name="县消防救援大队")
    page = client.get("/teams/").content.decode()
    assert "救援队伍" in page and "县消防救援大队" in page
    detail = client.get(f"/teams/{team.pk}/").content.decode()
    assert "队员" in detail and "培训" in detail
    for url in ["/teams/certificates/", "/teams/volunteers/", "/teams/experts/", "/teams/new/",
                f"/teams/{team.pk}/edit/", f"/teams/{team.pk}/add/member/", f"/teams/{team.pk}/add/certificate/"]:
        assert client.get(url).status_code == 200, url
    assert client.get("/teams/?format=xlsx")["Content-Type"].startswith("application/vnd.openxmlformats")


def test_create_team_through_the_form(client_as):
    unit = Unit.objects.get(name="城关镇")
    response = client_as("chengguan_ld").post("/teams/new/", {
        "name": "城关镇巡逻队", "kind": "village", "unit": unit.pk, "headcount": 12, "readiness": "ready",
        "capabilities": ["101"]})
    assert response.status_code == 302
    assert Team.objects.get(name="城关镇巡逻队").capabilities == ["101"]


def test_form_refuses_another_units_team(client_as):
    team = Team.objects.exclude(unit__name="城关镇").first()
    response = client_as("chengguan_ld").post(f"/teams/{team.pk}/add/equipment/", {"name": "水泵", "quantity": 2})
    assert response.status_code == 200 and not team.equipment.filter(name="水泵").exists()


@pytest.mark.parametrize("url", ["/teams/", "/teams/volunteers/", "/teams/experts/", "/teams/certificates/"])
def test_list_query_counts_are_pinned(client_as, django_assert_max_num_queries, url):
    client = client_as("yingjiban")
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_dashboard_card_for_emergency_staff(client_as):
    assert "支队伍未就绪" in client_as("yingjiban").get("/").content.decode()
    assert "支队伍未就绪" not in client_as("qingshan_xxy").get("/").content.decode()


def test_geojson_team_layer(api_as):
    data = api_as("qingshan_xxy").get("/api/geo/teams").json()
    assert data["type"] == "FeatureCollection" and len(data["features"]) == Team.objects.exclude(lat=None).count()
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert -90 <= lat <= 90 and -180 <= lon <= 180


def test_validation_errors_from_the_model(user):
    with pytest.raises(ValidationFailed):
        services.do_create_expert(user("admin"), name="专家", unit=Unit.objects.first(), specialties=["bogus"])
