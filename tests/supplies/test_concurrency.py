"""Parallel writers, each on its own database connection: the balance never goes below zero and
always equals the ledger sum. Runs on SQLite here and on PostgreSQL in `make test`."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import OperationalError, close_old_connections, connection

from countydesk.accounts.system import SYSTEM
from countydesk.core.errors import Conflict
from countydesk.orgs.models import Unit
from countydesk.registry.supplies import services
from countydesk.registry.supplies.choices import EntryKind
from countydesk.registry.supplies.models import BatchBalance, Depot, Item, StockLevel, StockMovement

from .conftest import receive

WORKERS, ATTEMPTS, STOCK = 8, 6, 30


def _retrying(fn):
    """The in-memory test database of SQLite shares one cache between connections, where a second writer gets
    "table is locked" at once instead of waiting; the whole transaction was rolled back, so try again.
    (A file database waits on the IMMEDIATE lock; PostgreSQL waits on the row lock.)"""
    while True:
        try:
            return fn()
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.002)


def _issue(depot, item):
    try:
        services.do_record_entry(SYSTEM, depot, EntryKind.ISSUE, item, 1, batch_no="B1")
        return "ok"
    except Conflict:
        return "refused"


def _issue_in_thread(depot_pk, item_pk, outcomes, barrier):
    try:
        depot = _retrying(lambda: Depot.objects.select_related("unit").get(pk=depot_pk))
        item = _retrying(lambda: Item.objects.get(pk=item_pk))
        barrier.wait()
        for _ in range(ATTEMPTS):
            outcomes.append(_retrying(lambda: _issue(depot, item)))
    except Exception as exc:  # pragma: no cover - reported by the assertion below
        outcomes.append(repr(exc))
    finally:
        close_old_connections()
        connection.close()


def test_parallel_issues_never_overdraw(demo_transactional_db):
    depot = services.do_create_depot(SYSTEM, name="并发测试库", unit=Unit.objects.get(name="城关镇"), address="测试",
                                     manager="张伟", phone="13800000000")
    item = Item.objects.get(code="3010103")
    receive(depot, item.code, STOCK)
    outcomes, barrier = [], threading.Barrier(WORKERS, timeout=30)
    threads = [threading.Thread(target=_issue_in_thread, args=(depot.pk, item.pk, outcomes, barrier))
               for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert set(outcomes) <= {"ok", "refused"}, outcomes
    assert outcomes.count("ok") == STOCK and len(outcomes) == WORKERS * ATTEMPTS
    balance = BatchBalance.objects.get(depot=depot, item=item)
    ledger = sum(m.quantity for m in StockMovement.objects.filter(depot=depot, item=item))
    assert balance.quantity == ledger == Decimal(0)
    assert StockLevel.objects.get(depot=depot, item=item).quantity == 0
    assert services.ledger_mismatches() == []
