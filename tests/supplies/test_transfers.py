"""Transfer orders: the explicit state machine, stock moving at dispatch and receipt, FEFO, emergencies."""

from datetime import date

import pytest

from countydesk.accounts.system import SYSTEM
from countydesk.base.errors import Conflict, TransitionNotAllowed
from countydesk.registry.supplies import services
from countydesk.registry.supplies.choices import MovementKind, TransferStatus
from countydesk.registry.supplies.models import BatchBalance, Item, StockMovement

from .conftest import counts, post_json, receive

pytestmark = pytest.mark.django_db


def _order(src, dst, quantity=30, code="1030101", emergency=False):
    return services.do_request_transfer(SYSTEM, src, dst, [(Item.objects.get(code=code), quantity)], "测试调拨",
                                        emergency=emergency)


def test_request_approve_dispatch_receive_moves_the_same_batches(fresh_depot):
    src, dst = fresh_depot(), fresh_depot("青山镇")
    receive(src, "1030101", 20, batch_no="OLD", production_date=date(2026, 9, 1))
    receive(src, "1030101", 20, batch_no="NEW", production_date=date(2026, 11, 1))
    order = _order(src, dst)
    services.do_approve_transfer(SYSTEM, order)
    services.do_dispatch_transfer(SYSTEM, order)
    out = StockMovement.objects.filter(transfer=order, kind=MovementKind.TRANSFER_OUT).order_by("id")
    assert [(m.batch.batch_no, m.quantity) for m in out] == [("OLD", -20), ("NEW", -10)]  # first expiring first out
    services.do_receive_transfer(SYSTEM, order)
    order.refresh_from_db()
    assert order.status == TransferStatus.RECEIVED
    assert {b.batch.batch_no: b.quantity for b in BatchBalance.objects.filter(depot=dst)} == {"OLD": 20, "NEW": 10}
    assert services.ledger_mismatches() == []


def test_wrong_transitions_answer_409_with_the_allowed_states(fresh_depot, api_as):
    src, dst = fresh_depot(), fresh_depot("青山镇")
    order = _order(src, dst)
    with pytest.raises(TransitionNotAllowed) as caught:
        services.do_receive_transfer(SYSTEM, order)
    assert caught.value.allowed == ["approved", "cancelled", "rejected"]
    response = post_json(api_as("yingjiban"), f"/api/supplies/transfers/{order.pk}/status", {"to": "dispatched"})
    assert response.status_code == 409
    assert response.json()["fields"]["allowed"] == ["approved", "cancelled", "rejected"]


def test_dispatch_without_enough_usable_stock_changes_nothing(fresh_depot):
    src, dst = fresh_depot(), fresh_depot("青山镇")
    receive(src, "1030101", 50, batch_no="STALE", production_date=date(2025, 1, 1))  # expired mid-2025
    receive(src, "1030101", 10, batch_no="FRESH", production_date=date(2026, 11, 1))
    order = _order(src, dst, quantity=20)
    services.do_approve_transfer(SYSTEM, order)
    before = counts()
    with pytest.raises(Conflict):
        services.do_dispatch_transfer(SYSTEM, order)
    order.refresh_from_db()
    assert order.status == TransferStatus.APPROVED and counts() == before


def test_an_emergency_delivery_may_be_dispatched_before_approval(fresh_depot):
    src, dst = fresh_depot(), fresh_depot("青山镇")
    receive(src, "3010103", 100)
    order = _order(src, dst, quantity=40, code="3010103", emergency=True)
    services.do_dispatch_transfer(SYSTEM, order)
    assert BatchBalance.objects.get(depot=src).quantity == 60
    with pytest.raises(TransitionNotAllowed):
        services.do_dispatch_transfer(SYSTEM, _order(src, dst, quantity=1, code="3010103"))


def test_only_emergency_staff_approve_and_only_the_sender_dispatches(fresh_depot, user):
    src, dst = fresh_depot("青山镇"), fresh_depot()
    receive(src, "3010103", 100)
    order = services.do_request_transfer(user("chengguan_ld"), src, dst, [(Item.objects.get(code="3010103"), 5)], "借用")
    with pytest.raises(Exception) as caught:
        services.do_approve_transfer(user("chengguan_ld"), order)
    assert caught.value.status == 403
    services.do_approve_transfer(user("yingjiban"), order)
    with pytest.raises(Exception) as caught:
        services.do_dispatch_transfer(user("chengguan_ld"), order)
    assert caught.value.status == 403


def test_transfer_through_the_api(fresh_depot, api_as):
    src, dst = fresh_depot(), fresh_depot("青山镇")
    receive(src, "3010103", 100)
    client = api_as("yingjiban")
    body = {"from_depot_id": src.pk, "to_depot_id": dst.pk, "reason": "防汛", "lines": [
        {"item_id": Item.objects.get(code="3010103").pk, "quantity": "25"}]}
    created = post_json(client, "/api/supplies/transfers", body)
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    for to in ("approved", "dispatched", "received"):
        response = post_json(client, f"/api/supplies/transfers/{pk}/status", {"to": to})
        assert response.status_code == 200 and response.json()["status"] == to
    assert BatchBalance.objects.get(depot=dst).quantity == 25


def test_transfer_pages_request_and_act(client_as, fresh_depot):
    src, dst = fresh_depot("青山镇"), fresh_depot()
    receive(src, "3010103", 100)
    leader = client_as("chengguan_ld")
    response = leader.post("/supplies/transfers/", {"from_depot": src.pk, "to_depot": dst.pk, "reason": "借用沙袋",
                                                    "item": Item.objects.get(code="3010103").pk, "quantity": "10"})
    order = dst.transfers_in.get()
    assert response.status_code == 302 and order.status == TransferStatus.REQUESTED
    staff = client_as("yingjiban")
    page = staff.get(f"/supplies/transfers/{order.pk}/").content.decode()
    assert "批准" in page and "驳回" in page
    staff.post(f"/supplies/transfers/{order.pk}/", {"to": "approved"})
    leader.post(f"/supplies/transfers/{order.pk}/", {"to": "dispatched"})  # not the sender: refused with a message
    order.refresh_from_db()
    assert order.status == TransferStatus.APPROVED
    assert client_as("qingshan_xxy").get(f"/supplies/transfers/{order.pk}/").status_code == 200
    assert client_as("fgj_xxy").get(f"/supplies/transfers/{order.pk}/").status_code == 404
