"""Allocation figures (issue 13, speed): eight parallel allocators (processes, each on its own connection)
reserving one item of one depot for an incident's scene through `do_allocate`, one unit at a time, until the free
balance runs out: zero oversell (reserved never above on hand, free balance never below zero, holds = reserved),
allocations per second against a bare durable insert per second.
SQLite, and PostgreSQL when DATABASE_URL names one (in a scratch database `bench_allocations`).

`python bench/bench_allocations.py`; each database runs in a child process of its own (settings are read once).
"""

import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench.harness import django_in_process, durable_insert_rate, emit, progress, scratch_database  # noqa: E402

WORKERS = 8
STOCK = 400
SCRATCH_DB = "bench_allocations"


def _setting():
    """A county, a depot holding STOCK units of one item, and an open incident (written directly: the bench measures
    allocations, not intake)."""
    from django.utils import timezone

    from countydesk.accounts.system import SYSTEM
    from countydesk.incidents.models import Incident
    from countydesk.orgs import services as orgs
    from countydesk.orgs.choices import UnitKind
    from countydesk.registry.supplies import services
    from countydesk.registry.supplies.choices import EntryKind
    from countydesk.registry.supplies.models import Item

    county = orgs.do_create_unit(SYSTEM, name="云溪县人民政府", kind=UnitKind.GOVERNMENT, code="369999", lat=29.05,
                                 lon=114.60)
    unit = orgs.do_create_unit(SYSTEM, name="县应急管理局", kind=UnitKind.DEPARTMENT, parent=county)
    depot = services.do_create_depot(SYSTEM, name="调配基准测试储备库", unit=unit, address="云溪县", manager="李强",
                                     phone="13800000001")
    item = Item.objects.get(code="3010103")
    services.do_record_entry(SYSTEM, depot, EntryKind.RECEIPT, item, STOCK, batch_no="PAR-1", reason="基准入库")
    incident = Incident.objects.create(title="基准测试内涝", received_at=timezone.now())
    return incident, depot, item


def _allocator(incident_pk, depot_pk, item_pk, go, results):
    from django.db import OperationalError, connection

    from countydesk.accounts.system import SYSTEM
    from countydesk.base.errors import ValidationFailed
    from countydesk.command.services.allocations import do_allocate
    from countydesk.incidents.models import Incident
    from countydesk.registry.supplies.models import Depot, Item

    incident = Incident.objects.get(pk=incident_pk)
    depot = Depot.objects.select_related("unit").get(pk=depot_pk)
    item = Item.objects.get(pk=item_pk)
    made = refused = retried = 0
    go.wait()
    started = time.perf_counter()
    while True:
        try:
            do_allocate(SYSTEM, incident, depot, [(item, 1)])
            made += 1
        except ValidationFailed:
            refused += 1
            break  # nothing free any more
        except OperationalError:  # a lock wait ran out: the transaction rolled back, try again
            retried += 1
    results.put((made, refused, retried, started, time.perf_counter()))
    connection.close()


def run_parallel(label: str, database_url: str | None, var: str):
    from django.db import connections

    from countydesk.command.models import Allocation
    from countydesk.registry.supplies import services
    from countydesk.registry.supplies.models import StockHold, StockLevel

    incident, depot, item = _setting()
    progress(f"{label}: {WORKERS} parallel allocators reserving {STOCK} units one by one …")
    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    go, results = ctx.Event(), ctx.Queue()
    workers = [ctx.Process(target=_allocator, args=(incident.pk, depot.pk, item.pk, go, results))
               for _ in range(WORKERS)]
    for worker in workers:
        worker.start()
    time.sleep(0.5)
    go.set()
    outcomes = [results.get(timeout=300) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    made = sum(o[0] for o in outcomes)
    elapsed = max(o[4] for o in outcomes) - min(o[3] for o in outcomes)
    level = StockLevel.objects.get(depot=depot, item=item)
    held = sum(h.quantity for h in StockHold.objects.filter(depot=depot))
    oversold = max(0, made - STOCK)
    ok = (level.reserved == held == made == Allocation.objects.filter(depot=depot).count()
          and level.reserved <= level.quantity and not services.ledger_mismatches())
    floor = durable_insert_rate({"COUNTYDESK_VAR": var}, database_url)
    emit(f"allocations-{label}", "parallel_allocations_per_s", made / elapsed, "allocations/s", floor,
         made / elapsed / floor, baseline_is="bare durable insert per s", clients=WORKERS,
         retried=sum(o[2] for o in outcomes))
    emit(f"allocations-{label}", "oversold_units", oversold, "units", STOCK, made / STOCK,
         baseline_is="units on hand", allocated=made, refused=sum(o[1] for o in outcomes),
         free_after=float(level.quantity - level.reserved), consistent=ok)
    assert oversold == 0 and ok, "oversold or inconsistent reservations"


def child(label: str, database_url: str | None):
    with tempfile.TemporaryDirectory(prefix="countydesk-bench-allocations-") as var:
        django_in_process(var, database_url)
        run_parallel(label, database_url, var)


def main():
    subprocess.run([sys.executable, __file__, "--child", "sqlite"], check=True,
                   env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"})
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        subprocess.run([sys.executable, __file__, "--child", "postgres"], check=True,
                       env=os.environ | {"BENCH_DATABASE_URL": scratch_database(url, SCRATCH_DB)})


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], os.environ.get("BENCH_DATABASE_URL") if sys.argv[2] == "postgres" else None)
    else:
        main()
