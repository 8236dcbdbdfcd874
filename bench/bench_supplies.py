"""Supplies figures (issue 5 item 6): 1,000 stock rows of one depot as JSON (peer-comparable, Sahana Eden 247 ms)
against a bare Django view, and stock movements recorded per second through the API against a bare durable
insert. Sequential client, persistent connection. `python -m bench.bench_supplies` (DATABASE_URL for PostgreSQL)."""

import itertools
import json
import os
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

import httpx  # noqa: E402

from bench.harness import countydesk, emit, median_ms, progress, rate, served_demo  # noqa: E402

EDEN_STOCK_1000_MS = 247
ROWS = 1000


def _fetch_ms(client, url, repeat=7) -> float:
    client.get(url).raise_for_status()  # warm up
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url).raise_for_status()
        samples.append(time.perf_counter() - started)
    return median_ms(samples)


def _bare_inserts_per_s(env: dict, database_url: str | None, seconds: float = 3.0) -> float:
    """The physical floor: one committed, durable row per transaction, no Django."""
    if database_url:
        import psycopg

        conn = psycopg.connect(database_url, autocommit=True)
        conn.execute("CREATE TABLE IF NOT EXISTS bench_bare (id serial PRIMARY KEY, v text)")
        insert = lambda n: conn.execute("INSERT INTO bench_bare (v) VALUES (%s)", (str(n),))  # noqa: E731
    else:
        conn = sqlite3.connect(Path(env["COUNTYDESK_VAR"]) / "countydesk.sqlite3", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE IF NOT EXISTS bench_bare (id integer PRIMARY KEY, v text)")

        def insert(n):
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO bench_bare (v) VALUES (?)", (str(n),))
            conn.execute("COMMIT")
    done, deadline, started = 0, time.monotonic() + seconds, time.perf_counter()
    while time.monotonic() < deadline:
        insert(done)
        done += 1
    elapsed = time.perf_counter() - started
    conn.close()
    return done / elapsed


def run(database_url: str | None = None, label: str = "sqlite"):
    bench = f"supplies-{label}"
    with served_demo(database_url=database_url) as (base, _pid, env):
        token = json.loads(countydesk(env, "token", "issue", "admin", "bench"))["token"]
        api = httpx.Client(base_url=base, timeout=60, headers={"authorization": f"Bearer {token}"})
        unit = api.get("/api/units?q=县应急管理局").json()["items"][0]["id"]
        depot = api.post("/api/supplies/depots", json={"name": "基准测试储备库", "unit_id": unit, "address": "云溪县",
                                                       "manager": "张伟", "phone": "13800000000"}).json()["id"]
        item = api.get("/api/supplies/items?code=3010103").json()["items"][0]["id"]
        sent = itertools.count(1)

        def receipt():
            body = {"depot_id": depot, "item_id": item, "kind": "receipt", "quantity": "100",
                    "batch_no": f"BENCH-{next(sent):05d}", "reason": "基准测试"}
            return "/api/supplies/movements", body

        progress(f"{label}: movements through the API against a bare durable insert …")
        movements, _ = rate(api, "POST", receipt)
        bare_inserts = _bare_inserts_per_s(env, env.get("DATABASE_URL"))
        emit(bench, "movements_per_s", movements, "req/s", bare_inserts, movements / bare_inserts,
             baseline_is="bare durable insert per s")
        missing = ROWS - api.get(f"/api/supplies/depots/{depot}/stock?per_page=1").json()["count"]
        for _ in range(missing):  # top up to 1,000 batches in the depot
            path, body = receipt()
            api.post(path, json=body).raise_for_status()

        progress(f"{label}: fetching {ROWS} stock rows of one depot …")
        url = f"/api/supplies/depots/{depot}/stock?per_page={ROWS}"
        assert len(api.get(url).json()["items"]) == ROWS
        bare_ms = _fetch_ms(api, "/bench/bare")
        ms = _fetch_ms(api, url)
        emit(bench, "stock_1000_ms", ms, "ms", bare_ms, ms / bare_ms, eden=EDEN_STOCK_1000_MS,
             vs_eden=round(EDEN_STOCK_1000_MS / ms, 1), baseline_is="bare view")


def main():
    run(None, "sqlite")
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        run(os.environ["DATABASE_URL"], "postgres")


if __name__ == "__main__":
    main()
