"""Stock ledger figures (issue 5 item 13).

1. All balances (depots × items) of a 1,000,000-movement ledger, the product's way (the StockLevel rows the
   writers keep, `services.stock.all_balances`), against a naive per-row sum of the ledger in Python, and
   against one SQL GROUP BY over the ledger; all three must agree. SQLite.
2. Eight parallel clients (processes, each on its own connection) issuing the same stock through
   `do_record_entry` until it runs out: zero oversell (no balance below zero, issued ≤ received, cached
   balance = ledger sum), movements per second against a bare durable insert per second.
   SQLite, and PostgreSQL when DATABASE_URL names one (in a scratch database `bench_supplies`).

`python bench/bench_ledger.py`; each database runs in a child process of its own (settings are read once).
"""

import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench.harness import django_in_process, durable_insert_rate, emit, progress, scratch_database  # noqa: E402

MOVEMENTS = int(os.environ.get("BENCH_LEDGER_MOVEMENTS", 1_000_000))
DEPOTS = 30
WORKERS = 8
STOCK = 1200
SEQUENTIAL = 200
SCRATCH_DB = "bench_supplies"


def _county():
    from countydesk.accounts.system import SYSTEM
    from countydesk.orgs import services as orgs
    from countydesk.orgs.choices import UnitKind

    county = orgs.do_create_unit(SYSTEM, name="云溪县人民政府", kind=UnitKind.GOVERNMENT, code="369999", lat=29.05,
                                 lon=114.60)
    return orgs.do_create_unit(SYSTEM, name="县应急管理局", kind=UnitKind.DEPARTMENT, parent=county)


# -- 1. all balances ------------------------------------------------------------------------------

def _fill_ledger(unit, count: int):
    """`count` movements over DEPOTS depots × the whole catalogue, written in bulk with the cached balances
    kept exactly as the ledger writer keeps them."""
    from django.db import connection, transaction

    from countydesk.registry.supplies.models import Batch, BatchBalance, Depot, Item, StockLevel, StockMovement

    rng = random.Random(13)
    depots = Depot.objects.bulk_create([
        Depot(name=f"云溪县第{i + 1}应急物资储备库", unit=unit, address="云溪县", manager="张伟", phone="13800000000")
        for i in range(DEPOTS)])
    items = list(Item.objects.order_by("code"))
    batches = Batch.objects.bulk_create([Batch(item=item, batch_no=f"D{d.pk:03d}") for d in depots for item in items])
    pairs = [(d.pk, b.item_id, b.pk, b.item.unit_of_measure) for d, chunk in
             zip(depots, (batches[i:i + len(items)] for i in range(0, len(batches), len(items)))) for b in chunk]
    balance = defaultdict(int)
    table = StockMovement._meta.db_table
    sql = (f"INSERT INTO {table} (at, depot_id, item_id, batch_id, kind, quantity, unit_of_measure, balance_after,"
           " reason, reference) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, '', '')")
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    done, chunk = 0, 50_000
    with transaction.atomic(), connection.cursor() as cursor:
        while done < count:
            rows = []
            for n in range(done, min(count, done + chunk)):
                depot, item, batch, uom = pairs[rng.randrange(len(pairs))]
                have = balance[batch, depot]
                if have and rng.random() < 0.45:
                    delta, kind = -rng.randint(1, have), "issue"
                else:
                    delta, kind = rng.randint(1, 100), "receipt"
                balance[batch, depot] = have + delta
                at = start + timedelta(seconds=n * 60)
                rows.append((at if connection.vendor == "postgresql" else at.isoformat(" "), depot, item, batch, kind,
                             delta, uom, have + delta))
            cursor.executemany(sql, rows)
            done += len(rows)
            progress(f"ledger: {done:,}/{count:,} movements")
        item_of = {b.pk: b.item_id for b in batches}
        BatchBalance.objects.bulk_create([BatchBalance(depot_id=d, item_id=item_of[b], batch_id=b, quantity=q)
                                          for (b, d), q in balance.items()], batch_size=5000)
        levels = defaultdict(int)
        for (b, d), q in balance.items():
            levels[d, item_of[b]] += q
        StockLevel.objects.bulk_create([StockLevel(depot_id=d, item_id=i, quantity=q) for (d, i), q in levels.items()],
                                       batch_size=5000)


def _timed(fn, repeat: int = 1):
    samples, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, result


def _naive_balances():
    """What one would write without the balance table: read every movement, sum in Python."""
    from countydesk.registry.supplies.models import StockMovement

    totals = defaultdict(Decimal)
    for depot, item, quantity in StockMovement.objects.order_by().values_list("depot_id", "item_id", "quantity") \
            .iterator(chunk_size=20_000):
        totals[depot, item] += quantity
    return {key: q for key, q in totals.items() if q}


def _group_by_balances():
    from django.db.models import Sum

    from countydesk.registry.supplies.models import StockMovement

    rows = StockMovement.objects.order_by().values("depot_id", "item_id").annotate(total=Sum("quantity"))
    return {(r["depot_id"], r["item_id"]): r["total"] for r in rows if r["total"]}


def run_balances(label: str, unit):
    from countydesk.registry.supplies.services.stock import all_balances

    bench = f"ledger-{label}"
    progress(f"{label}: writing a {MOVEMENTS:,}-movement ledger …")
    _fill_ledger(unit, MOVEMENTS)
    progress(f"{label}: all balances, the product's way, by GROUP BY and by a naive per-row sum …")
    product_ms, product = _timed(all_balances, repeat=5)
    group_ms, grouped = _timed(_group_by_balances)
    naive_ms, naive = _timed(_naive_balances)
    assert product == naive == grouped, "the balance table disagrees with the ledger"
    emit(bench, "all_balances_ms", product_ms, "ms", naive_ms, product_ms / naive_ms,
         baseline_is="naive per-row sum in Python", movements=MOVEMENTS, balances=len(product),
         group_by_ms=round(group_ms, 1), speedup=round(naive_ms / product_ms, 1))


# -- 2. parallel issues ---------------------------------------------------------------------------

def _issuer(depot_pk, item_pk, go, results):
    from django.db import OperationalError, connection

    from countydesk.accounts.system import SYSTEM
    from countydesk.base.errors import Conflict
    from countydesk.registry.supplies import services
    from countydesk.registry.supplies.choices import EntryKind
    from countydesk.registry.supplies.models import Depot, Item

    depot = Depot.objects.select_related("unit").get(pk=depot_pk)
    item = Item.objects.get(pk=item_pk)
    issued = refused = retried = 0
    go.wait()
    started = time.perf_counter()
    while True:
        try:
            services.do_record_entry(SYSTEM, depot, EntryKind.ISSUE, item, 1, batch_no="PAR-1", reason="并发领用")
            issued += 1
        except Conflict:
            refused += 1
            break  # the stock has run out
        except OperationalError:  # a lock wait ran out: the transaction rolled back, try again
            retried += 1
    results.put((issued, refused, retried, started, time.perf_counter()))
    connection.close()


def run_parallel(label: str, unit, database_url: str | None, var: str):
    from django.db import connections
    from django.db.models import Min, Sum

    from countydesk.accounts.system import SYSTEM
    from countydesk.registry.supplies import services
    from countydesk.registry.supplies.choices import EntryKind
    from countydesk.registry.supplies.models import BatchBalance, Depot, Item, StockMovement

    bench = f"ledger-{label}"
    depot = services.do_create_depot(SYSTEM, name="并发基准测试储备库", unit=unit, address="云溪县", manager="李强",
                                     phone="13800000001")
    item = Item.objects.get(code="3010103")
    services.do_record_entry(SYSTEM, depot, EntryKind.RECEIPT, item, SEQUENTIAL, batch_no="SEQ-1", reason="基准入库")
    progress(f"{label}: one client issuing {SEQUENTIAL} units one by one …")
    started = time.perf_counter()
    for _ in range(SEQUENTIAL):
        services.do_record_entry(SYSTEM, depot, EntryKind.ISSUE, item, 1, batch_no="SEQ-1", reason="顺序领用")
    one_client = SEQUENTIAL / (time.perf_counter() - started)
    services.do_record_entry(SYSTEM, depot, EntryKind.RECEIPT, item, STOCK, batch_no="PAR-1", reason="基准入库")
    progress(f"{label}: {WORKERS} parallel clients issuing {STOCK} units one by one …")
    connections.close_all()  # each child opens its own connection
    ctx = multiprocessing.get_context("fork")
    go, results = ctx.Event(), ctx.Queue()
    workers = [ctx.Process(target=_issuer, args=(depot.pk, item.pk, go, results)) for _ in range(WORKERS)]
    for worker in workers:
        worker.start()
    time.sleep(0.5)
    go.set()
    outcomes = [results.get(timeout=300) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    issued = sum(o[0] for o in outcomes)
    elapsed = max(o[4] for o in outcomes) - min(o[3] for o in outcomes)
    moves = StockMovement.objects.filter(depot=depot, batch__batch_no="PAR-1")
    balance = BatchBalance.objects.get(depot=depot, batch__batch_no="PAR-1").quantity
    ledger = moves.aggregate(total=Sum("quantity"))["total"]
    lowest = moves.aggregate(low=Min("balance_after"))["low"]
    oversold = max(0, issued - STOCK)
    ok = balance >= 0 and lowest >= 0 and balance == ledger == STOCK - issued and not services.ledger_mismatches()
    env = {"COUNTYDESK_VAR": var}
    floor = durable_insert_rate(env, database_url)
    emit(bench, "parallel_issues_per_s", issued / elapsed, "movements/s", floor, issued / elapsed / floor,
         baseline_is="bare durable insert per s", clients=WORKERS, one_client_per_s=round(one_client, 1),
         retried=sum(o[2] for o in outcomes))
    emit(bench, "oversold_units", oversold, "units", STOCK, issued / STOCK, baseline_is="units received",
         issued=issued, refused=sum(o[1] for o in outcomes), lowest_balance=float(lowest), final_balance=float(balance),
         ledger_consistent=ok)
    assert oversold == 0 and ok, "oversold or inconsistent ledger"


def child(label: str, database_url: str | None):
    with tempfile.TemporaryDirectory(prefix="countydesk-bench-ledger-") as var:
        django_in_process(var, database_url)
        unit = _county()
        if label == "sqlite":
            run_balances(label, unit)
        run_parallel(label, unit, database_url, var)


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
