"""Who may do what with supplies, per role: writes outside one's scope change nothing."""

import pytest

from countydesk.registry.supplies.models import Depot, Item, StockMovement

from .conftest import counts, post_json

pytestmark = pytest.mark.django_db

CHENGGUAN, QINGSHAN = "城关镇应急物资储备点", "青山镇应急物资储备点"


def _receipt(client, depot_name, quantity=5):
    depot = Depot.objects.get(name=depot_name)
    body = {"depot_id": depot.pk, "item_id": Item.objects.get(code="3010101").pk, "kind": "receipt",
            "quantity": str(quantity), "batch_no": "API-1"}
    return post_json(client, "/api/supplies/movements", body)


@pytest.mark.parametrize("username, depot_name, status", [
    ("yingjiban", QINGSHAN, 201),      # emergency staff: everywhere
    ("admin", QINGSHAN, 201),
    ("chengguan_ld", CHENGGUAN, 201),  # unit leader: own unit
    ("chengguan_ld", QINGSHAN, 404),   # … another unit's depot is not even visible
    ("chengguan_xxy", CHENGGUAN, 403),  # information officer: reads only
    ("zhiban", CHENGGUAN, 404),        # duty officer of the office: not this unit's depot
    ("shenji", CHENGGUAN, 403),        # auditor: read-only everywhere
    ("zhihui", CHENGGUAN, 403),
])
def test_recording_a_movement_per_role(api_as, username, depot_name, status):
    client = api_as(username)
    before = counts()
    response = _receipt(client, depot_name)
    assert response.status_code == status, response.content
    if status != 201:
        assert counts() == before and set(response.json()) == {"error", "message", "fields"}


def test_reading_is_scoped_to_the_unit(api_as):
    mine = api_as("chengguan_ld").get("/api/supplies/depots?per_page=100").json()
    assert {d["name"] for d in mine["items"]} == {CHENGGUAN}
    everything = api_as("shenji").get("/api/supplies/depots?per_page=100").json()
    assert everything["count"] == Depot.objects.count()
    qingshan = Depot.objects.get(name=QINGSHAN)
    assert api_as("chengguan_xxy").get(f"/api/supplies/depots/{qingshan.pk}/stock").status_code == 404
    assert api_as("shenji").get(f"/api/supplies/depots/{qingshan.pk}/stock").status_code == 200
    moves = api_as("chengguan_ld").get("/api/supplies/movements?per_page=500").json()["items"]
    assert {m["depot_id"] for m in moves} == {Depot.objects.get(name=CHENGGUAN).pk}


def test_web_entry_on_another_units_depot_is_404_and_changes_nothing(client_as):
    qingshan = Depot.objects.get(name=QINGSHAN)
    before = StockMovement.objects.count()
    response = client_as("chengguan_ld").post(f"/supplies/depots/{qingshan.pk}/entry/", {
        "kind": "receipt", "item": Item.objects.get(code="3010101").pk, "quantity": "5", "batch_no": "X"})
    assert response.status_code == 404 and StockMovement.objects.count() == before


def test_bad_input_is_422_and_changes_nothing(api_as):
    depot = Depot.objects.get(name=CHENGGUAN)
    client = api_as("yingjiban")
    before = counts()
    for body in [{"depot_id": depot.pk, "item_id": 999999, "kind": "receipt", "quantity": "1"},
                 {"depot_id": depot.pk, "item_id": 1, "kind": "teleport", "quantity": "1"},
                 {"depot_id": depot.pk, "item_id": 1, "kind": "receipt", "quantity": "-1"},
                 {"depot_id": depot.pk, "item_id": 1, "kind": "receipt", "quantity": "1.00001"}]:
        assert post_json(client, "/api/supplies/movements", body).status_code == 422
    issue = {"depot_id": depot.pk, "item_id": Item.objects.get(code="3010101").pk, "kind": "issue",
             "quantity": "999999", "batch_no": "NOPE"}
    assert post_json(client, "/api/supplies/movements", issue).status_code == 422
    assert counts() == before


def test_depots_are_created_by_managers_of_the_owner_unit(api_as):
    from countydesk.orgs.models import Unit

    body = {"name": "新储备点", "address": "某地", "manager": "王芳", "phone": "13900000000"}
    own, other = Unit.objects.get(name="城关镇"), Unit.objects.get(name="青山镇")
    leader = api_as("chengguan_ld")
    assert post_json(leader, "/api/supplies/depots", body | {"unit_id": other.pk}).status_code == 403
    created = post_json(leader, "/api/supplies/depots", body | {"unit_id": own.pk})
    assert created.status_code == 201 and created.json()["unit_id"] == own.pk
    again = post_json(api_as("yingjiban"), "/api/supplies/depots", body | {"unit_id": other.pk})
    assert again.status_code == 422 and "name" in again.json()["fields"]
