import json

import pytest

from countydesk.audit.models import AuditEvent
from countydesk.orgs.models import Person, Unit

pytestmark = pytest.mark.django_db

ERROR_KEYS = {"error", "message", "fields"}


def _json(client, method, url, body=None, **extra):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body) if body is not None else None
    return getattr(client, method)(url, data=data, content_type="application/json", **extra)


def test_unit_list_pages_and_filters(api_as):
    client = api_as("chengguan_xxy")
    page = client.get("/api/units?per_page=100").json()
    assert page["count"] == Unit.objects.count()
    assert len(page["items"]) == min(100, page["count"])
    assert page["pages"] == -(-page["count"] // 100)
    towns = client.get("/api/units?kind=township").json()
    assert towns["count"] == 12 and {u["kind"] for u in towns["items"]} == {"township"}
    chengguan = Unit.objects.get(name="城关镇")
    villages = client.get(f"/api/units?under={chengguan.pk}&kind=village").json()
    assert villages["count"] == Unit.objects.filter(parent=chengguan).count() > 0
    key = client.get("/api/units?key_liaison=true").json()
    assert key["count"] == 26


def test_unit_list_query_count_is_fixed(api_as, django_assert_max_num_queries):
    client = api_as("admin")
    with django_assert_max_num_queries(6):
        assert client.get("/api/units?per_page=100").status_code == 200


def test_people_list_query_count_is_fixed(api_as, django_assert_max_num_queries):
    client = api_as("admin")
    with django_assert_max_num_queries(8):
        assert client.get("/api/people?per_page=100&post=info_officer_full").status_code == 200


@pytest.mark.parametrize("url", ["/api/units/999999", "/api/people/999999"])
def test_unknown_ids_answer_404_in_the_error_shape(api_as, url):
    response = api_as("admin").get(url)
    assert response.status_code == 404
    assert set(response.json()) == ERROR_KEYS


def test_unauthenticated_and_bad_token_answer_401():
    from django.test import Client

    assert Client().get("/api/units").status_code == 401
    response = Client(headers={"authorization": "Bearer cd_nonsense"}).get("/api/units")
    assert response.status_code == 401 and set(response.json()) == ERROR_KEYS


def test_revoked_token_stops_working(user):
    from django.test import Client

    from countydesk.accounts.services import do_issue_token, do_revoke_token

    officer = user("chengguan_xxy")
    token, raw = do_issue_token(officer, officer, "laptop")
    client = Client(headers={"authorization": f"Bearer {raw}"})
    assert client.get("/api/me").json()["username"] == "chengguan_xxy"
    do_revoke_token(officer, token)
    assert client.get("/api/me").status_code == 401


def test_admin_creates_a_unit_with_audit(api_as):
    county = Unit.objects.get(parent__isnull=True)
    client = api_as("admin")
    before = AuditEvent.objects.count()
    response = _json(client, "post", "/api/units", {
        "name": "县数据局", "kind": "department", "parent_id": county.pk, "duty_phone": "0797-6001234",
        "lat": 29.1, "lon": 114.6,
    })
    assert response.status_code == 201, response.content
    unit = Unit.objects.get(pk=response.json()["id"])
    assert unit.path == f"{county.path}{unit.pk}/"
    event = AuditEvent.objects.order_by("-seq").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.actor_name, event.after["name"]) == ("unit.create", "admin", "县数据局")
    assert event.ip == "127.0.0.1"


@pytest.mark.parametrize("body, field", [
    ({"name": "X", "kind": "department", "parent_id": "abc"}, "parent_id"),
    ({"name": "X", "kind": "palace", "parent_id": 1}, "kind"),
    ({"name": "", "kind": "department", "parent_id": 1}, "name"),
    ({"name": "X", "kind": "department", "parent_id": 1, "lat": 95, "lon": 114}, "lat"),
    ({"name": "X", "kind": "department", "parent_id": 987654}, "parent_id"),
    ({"name": "X", "kind": "department", "parent_id": 1, "code": "12ab"}, "code"),
    ({"name": "X", "kind": "department", "parent_id": 1, "lat": 29.0}, "lat"),
])
def test_bad_unit_input_is_422_and_changes_nothing(api_as, body, field):
    body = dict(body)
    if body.get("parent_id") == 1:
        body["parent_id"] = Unit.objects.get(parent__isnull=True).pk
    client = api_as("admin")
    counts = Unit.objects.count(), AuditEvent.objects.count()
    response = _json(client, "post", "/api/units", body)
    assert response.status_code == 422, response.content
    payload = response.json()
    assert set(payload) == ERROR_KEYS and payload["error"] == "validation_error"
    assert field in payload["fields"], payload
    assert (Unit.objects.count(), AuditEvent.objects.count()) == counts


def test_malformed_json_is_422(api_as):
    response = _json(api_as("admin"), "post", "/api/units", "{not json")
    assert response.status_code in (400, 422)
    assert set(response.json()) == ERROR_KEYS


def test_oversize_body_is_413_and_changes_nothing(api_as, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    counts = Unit.objects.count()
    county = Unit.objects.get(parent__isnull=True)
    response = _json(api_as("admin"), "post", "/api/units",
                     {"name": "X", "kind": "department", "parent_id": county.pk, "address": "很" * 2000})
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
    assert Unit.objects.count() == counts


def test_officer_cannot_create_units(api_as):
    county = Unit.objects.get(parent__isnull=True)
    client = api_as("chengguan_xxy")
    counts = Unit.objects.count(), AuditEvent.objects.count()
    response = _json(client, "post", "/api/units",
                     {"name": "X", "kind": "department", "parent_id": county.pk})
    assert response.status_code == 403 and response.json()["error"] == "forbidden"
    assert (Unit.objects.count(), AuditEvent.objects.count()) == counts


def test_unit_leader_edits_own_contacts_only(api_as):
    own, other = Unit.objects.get(name="城关镇"), Unit.objects.get(name="青山镇")
    client = api_as("chengguan_ld")
    assert _json(client, "patch", f"/api/units/{own.pk}", {"duty_phone": "0797-7777777"}).status_code == 200
    assert Unit.objects.get(pk=own.pk).duty_phone == "0797-7777777"
    renamed = _json(client, "patch", f"/api/units/{own.pk}", {"name": "改名镇"})
    assert renamed.status_code == 422 and "name" in renamed.json()["fields"]
    denied = _json(client, "patch", f"/api/units/{other.pk}", {"duty_phone": "0797-1111111"})
    assert denied.status_code == 403
    assert Unit.objects.get(pk=other.pk).duty_phone == other.duty_phone


def test_moving_a_unit_moves_its_subtree(api_as):
    town = Unit.objects.get(name="白沙镇")
    office = Unit.objects.get(name="云溪县人民政府办公室")
    village = town.children.first()
    response = _json(api_as("admin"), "patch", f"/api/units/{town.pk}", {"parent_id": office.pk})
    assert response.status_code == 200
    village.refresh_from_db()
    assert village.path == f"{office.path}{town.pk}/{village.pk}/"
    loop = _json(api_as("admin"), "patch", f"/api/units/{town.pk}", {"parent_id": village.pk})
    assert loop.status_code == 422 and "parent" in loop.json()["fields"]


def test_people_are_scoped_to_the_officers_unit(api_as):
    officer = api_as("chengguan_xxy")
    chengguan = Unit.objects.get(name="城关镇")
    page = officer.get("/api/people?per_page=500").json()
    assert page["count"] == Person.objects.filter(unit__path__startswith=chengguan.path).count() > 0
    assert all(p["unit_id"] == chengguan.pk for p in page["items"])
    stranger = Person.objects.exclude(unit__path__startswith=chengguan.path).first()
    assert officer.get(f"/api/people/{stranger.pk}").status_code == 404
    response = _json(officer, "patch", f"/api/people/{stranger.pk}", {"phone": "13900000000"})
    assert response.status_code == 404
    assert Person.objects.get(pk=stranger.pk).phone == stranger.phone
    everyone = api_as("xinxike").get("/api/people?per_page=500").json()
    assert everyone["count"] == Person.objects.count()


def test_unit_leader_keeps_officer_history_through_a_change(api_as):
    """A12: an officer leaves, another arrives; the old post stays on record."""
    chengguan = Unit.objects.get(name="城关镇")
    client = api_as("chengguan_ld")
    old_post = chengguan.posts.filter(kind="info_officer_full", end__isnull=True).first()
    assert _json(client, "post", f"/api/posts/{old_post.pk}/end", {"end": "2026-11-01"}).status_code == 200
    created = _json(client, "post", "/api/people", {"name": "新信息员", "unit_id": chengguan.pk, "phone": "13800000001"})
    assert created.status_code == 201
    person_id = created.json()["id"]
    assigned = _json(client, "post", f"/api/people/{person_id}/posts", {"kind": "info_officer_full", "start": "2026-11-02"})
    assert assigned.status_code == 201
    detail = client.get(f"/api/people/{old_post.person_id}").json()
    assert detail["posts"][0]["end"] == "2026-11-01"
    again = _json(client, "post", f"/api/posts/{old_post.pk}/end", {})
    assert again.status_code == 422
    other = Unit.objects.get(name="青山镇")
    outside = _json(client, "post", "/api/people", {"name": "外人", "unit_id": other.pk})
    assert outside.status_code == 403


def test_auditor_reads_the_trail_and_officer_cannot(api_as):
    page = api_as("shenji").get("/api/audit?per_page=5&action=unit.create").json()
    assert page["count"] == 113 and len(page["items"]) == 5
    assert api_as("chengguan_xxy").get("/api/audit").status_code == 403


def test_bad_pagination_is_422(api_as):
    response = api_as("admin").get("/api/units?per_page=100001")
    assert response.status_code == 422 and set(response.json()) == ERROR_KEYS


def test_openapi_schema_is_served(api_as):
    from django.test import Client

    schema = Client().get("/api/openapi.json").json()
    assert "/api/units" in schema["paths"] and "/api/people/{person_id}" in schema["paths"]
