"""The ledger invariant: balance = sum of movements, never negative; refused movements leave nothing."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from countydesk.accounts.system import SYSTEM
from countydesk.base.errors import Conflict, ValidationFailed
from countydesk.registry.supplies import services
from countydesk.registry.supplies.choices import EntryKind, MovementKind
from countydesk.registry.supplies.models import BatchBalance, Item, StockLevel, StockMovement

from .conftest import counts, receive

pytestmark = pytest.mark.django_db


def _balance(depot, batch_no="B1", code="1010101"):
    row = BatchBalance.objects.filter(depot=depot, batch__batch_no=batch_no, item__code=code).first()
    return row.quantity if row else Decimal(0)


def _entry(depot, kind, quantity, batch_no="B1", code="1010101"):
    return services.do_record_entry(SYSTEM, depot, kind, Item.objects.get(code=code), quantity, batch_no=batch_no)


def test_receipt_issue_write_off_and_stock_take_keep_the_balance(fresh_depot):
    depot = fresh_depot()
    receive(depot, "1010101", 100)
    _entry(depot, EntryKind.ISSUE, 30)
    _entry(depot, EntryKind.WRITE_OFF, 5)
    take = _entry(depot, EntryKind.STOCK_TAKE, 60)
    assert take.kind == MovementKind.ADJUSTMENT and take.quantity == -5 and take.balance_after == 60
    assert _balance(depot) == 60 == sum(m.quantity for m in StockMovement.objects.filter(depot=depot))
    assert StockLevel.objects.get(depot=depot).quantity == 60
    assert services.ledger_mismatches() == []


def test_an_issue_beyond_the_balance_is_refused_and_changes_nothing(fresh_depot):
    depot = fresh_depot()
    receive(depot, "1010101", 10)
    before = counts()
    with pytest.raises(Conflict) as caught:
        _entry(depot, EntryKind.ISSUE, 11)
    assert caught.value.code == "insufficient_stock"
    assert counts() == before and _balance(depot) == 10


def test_unknown_batch_zero_quantity_and_conflicting_batch_dates_are_refused(fresh_depot):
    depot = fresh_depot()
    receive(depot, "1030101", 10, production_date=date(2026, 10, 1))
    before = counts()
    with pytest.raises(ValidationFailed):
        _entry(depot, EntryKind.ISSUE, 1, batch_no="NOPE", code="1030101")
    with pytest.raises(ValidationFailed):
        _entry(depot, EntryKind.RECEIPT, 0, code="1030101")
    with pytest.raises(ValidationFailed):
        receive(depot, "1030101", 5, production_date=date(2026, 9, 1))
    with pytest.raises(ValidationFailed):
        _entry(depot, EntryKind.STOCK_TAKE, 10, code="1030101")  # matches the books: nothing to adjust
    assert counts() == before


def test_a_receipt_gets_its_expiry_from_the_shelf_life(fresh_depot):
    movement = receive(fresh_depot(), "1030101", 10, batch_no="FOOD", production_date=date(2026, 6, 1))
    assert movement.batch.expiry_date == date(2026, 6, 1) + timedelta(days=180)


def test_movements_are_append_only(fresh_depot):
    movement = receive(fresh_depot(), "1010101", 10)
    with pytest.raises(TypeError):
        movement.save()
    with pytest.raises(TypeError):
        movement.delete()
    with pytest.raises(TypeError):
        StockMovement.objects.filter(pk=movement.pk).update(quantity=1)
    with pytest.raises(TypeError):
        StockMovement.objects.filter(pk=movement.pk).delete()


STEPS = st.lists(st.tuples(st.sampled_from([EntryKind.RECEIPT, EntryKind.ISSUE, EntryKind.WRITE_OFF,
                                            EntryKind.STOCK_TAKE]),
                           st.sampled_from(["B1", "B2", "B3"]),
                           st.integers(min_value=0, max_value=40)), min_size=1, max_size=25)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_random_movement_sequences_keep_the_invariant(fresh_depot, steps):
    depot = fresh_depot()
    model: dict[str, Decimal] = {}
    for kind, batch_no, quantity in steps:
        have = model.get(batch_no)
        before = counts()
        try:
            _entry(depot, kind, quantity, batch_no=batch_no)
        except (Conflict, ValidationFailed):
            assert counts() == before  # a refused movement leaves nothing behind
            continue
        if kind == EntryKind.RECEIPT:
            model[batch_no] = (have or 0) + quantity
        elif kind == EntryKind.STOCK_TAKE:
            model[batch_no] = Decimal(quantity)
        else:
            model[batch_no] = have - quantity
        assert model[batch_no] >= 0
    for batch_no, expected in model.items():
        assert _balance(depot, batch_no) == expected
    ledger = {b: sum(m.quantity for m in StockMovement.objects.filter(depot=depot, batch__batch_no=b)) for b in model}
    assert ledger == model
    assert not BatchBalance.objects.filter(depot=depot, quantity__lt=0).exists()
    assert StockLevel.objects.filter(depot=depot).first().quantity == sum(model.values()) if model else True
