"""Parallel writers, each on its own database connection: the balance never goes below zero and
always equals the ledger sum. Runs on SQLite here and on PostgreSQL in `make test`."""

from decimal import Decimal


from countydesk.accounts.system import SYSTEM
from countydesk.base.errors import Conflict
from countydesk.orgs.models import Unit
from countydesk.registry.supplies import services
from countydesk.registry.supplies.choices import EntryKind
from countydesk.registry.supplies.models import BatchBalance, Depot, Item, StockLevel, StockMovement

from ..parallel import race, retrying_on_lock
from .conftest import receive

WORKERS, ATTEMPTS, STOCK = 8, 6, 30


def _issue(depot, item):
    try:
        services.do_record_entry(SYSTEM, depot, EntryKind.ISSUE, item, 1, batch_no="B1")
        return "ok"
    except Conflict:
        return "refused"


def _fetch(pks):
    return Depot.objects.select_related("unit").get(pk=pks[0]), Item.objects.get(pk=pks[1])


def _issue_repeatedly(depot_and_item):
    return [retrying_on_lock(lambda: _issue(*depot_and_item)) for _ in range(ATTEMPTS)]


def test_parallel_issues_never_overdraw(demo_transactional_db):
    depot = services.do_create_depot(SYSTEM, name="并发测试库", unit=Unit.objects.get(name="城关镇"), address="测试",
                                     manager="张伟", phone="13800000000")
    item = Item.objects.get(code="3010103")
    receive(depot, item.code, STOCK)
    per_thread = race(_fetch, _issue_repeatedly, [(depot.pk, item.pk)] * WORKERS)
    outcomes = [o for part in per_thread for o in (part if isinstance(part, list) else [part])]
    assert set(outcomes) <= {"ok", "refused"}, outcomes
    assert outcomes.count("ok") == STOCK and len(outcomes) == WORKERS * ATTEMPTS
    balance = BatchBalance.objects.get(depot=depot, item=item)
    ledger = sum(m.quantity for m in StockMovement.objects.filter(depot=depot, item=item))
    assert balance.quantity == ledger == Decimal(0)
    assert StockLevel.objects.get(depot=depot, item=item).quantity == 0
    assert services.ledger_mismatches() == []
