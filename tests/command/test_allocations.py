"""Allocations through the stock ledger: reserve → ship → partial and full delivery → return of unused stock,
cancel releasing the reservation, oversell refused (422, nothing changed), roles and scoping, and eight parallel
allocators on one item in one depot never reserving more than is on hand."""

import json

import pytest

from countydesk.accounts.system import SYSTEM
from countydesk.base.errors import Conflict, TransitionNotAllowed, ValidationFailed
from countydesk.command.models import Allocation, AllocationStatus
from countydesk.command.services import allocations as services
from countydesk.incidents.models import Incident
from countydesk.orgs.models import Unit
from countydesk.registry.supplies import services as supplies
from countydesk.registry.supplies.choices import EntryKind, MovementKind
from countydesk.registry.supplies.models import Depot, Item, StockHold, StockLevel, StockMovement

from ..parallel import race, retrying_on_lock
from .conftest import counts, open_incident

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def level(depot, item):
    return StockLevel.objects.get(depot=depot, item=item)


def ledger_sum(depot, item):
    return sum(m.quantity for m in StockMovement.objects.filter(depot=depot, item=item))


def test_reserve_ship_deliver_in_parts_and_return_unused(stocked, incident):
    depot, item = stocked(50)
    allocation = services.do_allocate(SYSTEM, incident, depot, [(item, 20)])
    assert (level(depot, item).quantity, level(depot, item).reserved) == (50, 20)
    assert supplies.free_balances([item.pk])[(depot.pk, item.pk)] == 30
    services.do_ship(SYSTEM, allocation)
    assert (level(depot, item).quantity, level(depot, item).reserved) == (30, 0)
    out = StockMovement.objects.get(hold__allocation_line__allocation=allocation)
    assert (out.kind, out.quantity) == (MovementKind.ALLOCATION_OUT, -20)
    services.do_deliver(SYSTEM, allocation, {item.pk: 8})
    assert allocation.status == AllocationStatus.PARTLY_DELIVERED and allocation.delivered_at is None
    services.do_deliver(SYSTEM, allocation, {item.pk: 12})
    assert allocation.status == AllocationStatus.DELIVERED and allocation.delivered_at
    services.do_return(SYSTEM, allocation, {item.pk: 5})
    allocation.refresh_from_db()
    line = allocation.lines.get()
    assert allocation.status == AllocationStatus.CLOSED
    assert (line.reserved, line.shipped, line.delivered, line.returned) == (20, 20, 20, 5)
    assert level(depot, item).quantity == ledger_sum(depot, item) == 35
    assert supplies.ledger_mismatches() == []


def test_cancel_releases_the_reservation(stocked, incident):
    depot, item = stocked(10)
    allocation = services.do_allocate(SYSTEM, incident, depot, [(item, 10)])
    assert supplies.free_balance(depot, item) == 0
    services.do_cancel(SYSTEM, allocation)
    assert allocation.status == AllocationStatus.CANCELLED
    assert supplies.free_balance(depot, item) == 10 and StockHold.objects.get(allocation_line__allocation=allocation).quantity == 0
    assert supplies.ledger_mismatches() == []


def test_reserved_stock_cannot_be_issued_or_transferred(stocked, incident):
    depot, item = stocked(10)
    services.do_allocate(SYSTEM, incident, depot, [(item, 8)])
    with pytest.raises(Conflict) as refused:
        supplies.do_record_entry(SYSTEM, depot, EntryKind.ISSUE, item, 3, batch_no="B1")
    assert refused.value.code == "reserved_stock"
    supplies.do_record_entry(SYSTEM, depot, EntryKind.ISSUE, item, 2, batch_no="B1")  # the free part may go
    assert (level(depot, item).quantity, level(depot, item).reserved) == (8, 8)
    other = supplies.do_create_depot(SYSTEM, name="调入测试库", address="测试", unit=depot.unit, manager="张伟",
                                     phone="13800000000")
    transfer = supplies.do_request_transfer(SYSTEM, depot, other, [(item, 1)], "调拨", emergency=True)
    with pytest.raises(Conflict) as refused:
        supplies.do_dispatch_transfer(SYSTEM, transfer)
    assert refused.value.code == "reserved_stock" and level(depot, item).quantity == 8


def test_more_than_the_free_balance_is_422_naming_item_depot_and_balance(stocked, incident, api_as):
    depot, item = stocked(10)
    services.do_allocate(SYSTEM, incident, depot, [(item, 4)])
    client = api_as("zhihui")
    before = counts(Allocation, StockHold)
    answer = post(client, "/api/command/allocations",
                  {"incident_id": incident.pk, "depot_id": depot.pk, "lines": [{"item_id": item.pk, "quantity": 7}]})
    assert answer.status_code == 422, answer.content
    message = answer.json()["message"]
    assert item.name in message and depot.name in message and "6" in message
    assert "lines" in answer.json()["fields"]
    assert counts(Allocation, StockHold) == before
    assert level(depot, item).reserved == 4


def test_wrong_transitions_answer_409_with_the_allowed_states(stocked, incident, api_as):
    depot, item = stocked(10)
    allocation = services.do_allocate(SYSTEM, incident, depot, [(item, 4)])
    with pytest.raises(TransitionNotAllowed):
        services.do_deliver(SYSTEM, allocation)
    answer = post(api_as("zhihui"), f"/api/command/allocations/{allocation.pk}/return", {"lines": []})
    assert answer.status_code == 409
    assert set(answer.json()["fields"]["allowed"]) == {"shipped", "cancelled"}, answer.json()
    assert post(api_as("zhihui"), f"/api/command/allocations/{allocation.pk}/actions",
                {"action": "ship"}).json()["status"] == "shipped"
    assert post(api_as("zhihui"), f"/api/command/allocations/{allocation.pk}/actions",
                {"action": "cancel"}).status_code == 409


def test_delivery_quantities_are_checked(stocked, incident):
    depot, item = stocked(10)
    allocation = services.do_allocate(SYSTEM, incident, depot, [(item, 4)])
    services.do_ship(SYSTEM, allocation)
    for bad in ({item.pk: 5}, {item.pk: 0}, {999999: 1}):
        with pytest.raises(ValidationFailed):
            services.do_deliver(SYSTEM, allocation, bad)
    assert allocation.lines.get().delivered == 0


def test_api_flow_and_the_ledger_balance(stocked, incident, api_as):
    depot, item = stocked(30)
    client = api_as("yingjiban")
    made = post(client, "/api/command/allocations",
                {"incident_id": incident.pk, "depot_id": depot.pk, "lines": [{"item_id": item.pk, "quantity": 12}]})
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    post(client, f"/api/command/allocations/{pk}/actions", {"action": "ship"})
    part = post(client, f"/api/command/allocations/{pk}/deliveries", {"lines": [{"item_id": item.pk, "quantity": 5}]})
    assert part.json()["status"] == "partly_delivered" and part.json()["lines"][0]["delivered"] == "5.000"
    closed = post(client, f"/api/command/allocations/{pk}/return", {"lines": [{"item_id": item.pk, "quantity": 7}]})
    assert closed.json()["status"] == "closed", closed.content
    assert level(depot, item).quantity == ledger_sum(depot, item) == 25
    assert client.get(f"/api/command/allocations?incident_id={incident.pk}").json()["count"] >= 1


@pytest.mark.parametrize("name", ["zhiban", "duizhang", "chengguan_xxy"])
def test_other_roles_may_not_allocate(stocked, incident, api_as, name):
    depot, item = stocked(10)
    before = counts(Allocation)
    answer = post(api_as(name), "/api/command/allocations",
                  {"incident_id": incident.pk, "depot_id": depot.pk, "lines": [{"item_id": item.pk, "quantity": 1}]})
    assert answer.status_code in (403, 422)
    assert counts(Allocation)[2:] == before[2:] and level(depot, item).reserved == 0


def test_another_townships_allocation_is_404(stocked, api_as):
    elsewhere = open_incident(outside="城关镇")
    depot, item = stocked(10)
    allocation = services.do_allocate(SYSTEM, elsewhere, depot, [(item, 1)])
    assert api_as("chengguan_xxy").get(f"/api/command/allocations/{allocation.pk}").status_code == 404
    assert api_as("duizhang").get(f"/api/command/allocations/{allocation.pk}").status_code == 404
    assert api_as("zhiban").get(f"/api/command/allocations/{allocation.pk}").status_code == 200
    assert api_as("zhihui").get(f"/api/command/allocations/{allocation.pk}").json()["lines"][0]["reserved"] == "1.000"


def test_a_townships_own_incident_is_visible(stocked, api_as):
    own = open_incident(township="城关镇")
    if own is None:
        pytest.skip("the demo county has no open incident in 城关镇")
    depot, item = stocked(10)
    allocation = services.do_allocate(SYSTEM, own, depot, [(item, 1)])
    assert api_as("chengguan_xxy").get(f"/api/command/allocations/{allocation.pk}").status_code == 200


# Eight allocators racing for one item in one depot, each on its own database connection (a committed database;
# SQLite here, PostgreSQL with DATABASE_URL): reservations never exceed the stock on hand.

WORKERS, ATTEMPTS, STOCK = 8, 6, 30


def _allocate(incident, depot, item):
    try:
        services.do_allocate(SYSTEM, incident, depot, [(item, 1)])
        return "ok"
    except ValidationFailed:
        return "refused"


def _fetch(pks):
    return (Incident.objects.select_related("township").get(pk=pks[0]),
            Depot.objects.select_related("unit").get(pk=pks[1]), Item.objects.get(pk=pks[2]))


def _allocate_repeatedly(prepared):
    return [retrying_on_lock(lambda: _allocate(*prepared)) for _ in range(ATTEMPTS)]


@pytest.mark.django_db(transaction=True)
def test_parallel_allocations_never_oversell(demo_transactional_db):
    depot = supplies.do_create_depot(SYSTEM, name="并发调配测试库", unit=Unit.objects.get(name="城关镇"), address="测试",
                                     manager="张伟", phone="13800000000")
    item = Item.objects.get(code="3010103")
    supplies.do_record_entry(SYSTEM, depot, EntryKind.RECEIPT, item, STOCK, batch_no="B1")
    incident = open_incident()
    per_thread = race(_fetch, _allocate_repeatedly, [(incident.pk, depot.pk, item.pk)] * WORKERS)
    outcomes = [o for part in per_thread for o in (part if isinstance(part, list) else [part])]
    assert set(outcomes) <= {"ok", "refused"}, outcomes
    assert outcomes.count("ok") == STOCK and len(outcomes) == WORKERS * ATTEMPTS
    level = StockLevel.objects.get(depot=depot, item=item)
    assert (level.quantity, level.reserved) == (STOCK, STOCK)
    assert sum(h.quantity for h in StockHold.objects.filter(depot=depot)) == STOCK
    assert Allocation.objects.filter(depot=depot).count() == STOCK
    assert supplies.free_balance(depot, item) == 0
    assert supplies.ledger_mismatches() == []
