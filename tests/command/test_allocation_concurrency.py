"""Eight allocators racing for one item in one depot, each on its own database connection: the reservations never
exceed the stock on hand (zero oversell), free balance ends at zero, and the cached rows agree with the ledger and
the holds. Runs on SQLite here and on PostgreSQL with DATABASE_URL."""

from countydesk.accounts.system import SYSTEM
from countydesk.base.errors import ValidationFailed
from countydesk.command.models import Allocation
from countydesk.command.services import allocations as services
from countydesk.incidents.models import Incident
from countydesk.orgs.models import Unit
from countydesk.registry.supplies import services as supplies
from countydesk.registry.supplies.choices import EntryKind
from countydesk.registry.supplies.models import Depot, Item, StockHold, StockLevel

from ..parallel import race, retrying_on_lock
from .conftest import open_incident

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
