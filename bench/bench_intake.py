"""Signed intake under sustained load (issue 6): 8 concurrent external systems for 30 s against `countydesk serve`
on SQLite, then on PostgreSQL when DATABASE_URL names one (in a scratch database). Figures:
intakes/s, p50/p99 latency, each against a bare Django view and a bare durable insert from as many writers,
measured in the same run; afterwards every 2xx answer is looked up in the database, and the time the inbox
takes to join every stored intake to its incident is measured (joined_per_s over the load and the drain).

`python -m bench.bench_intake` from the project root (BENCH_INTAKE_SECONDS, BENCH_INTAKE_CLIENTS to change).
"""

import hashlib
import hmac
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench.harness import countydesk, emit, progress, served_demo  # noqa: E402

SECONDS = float(os.environ.get("BENCH_INTAKE_SECONDS", 30))
CLIENTS = int(os.environ.get("BENCH_INTAKE_CLIENTS", 8))
BASELINE_SECONDS = 8.0
DRAIN_LIMIT_SECONDS = 900
COUNTY = (29.05, 114.60)
HINTS = [("交通事故", "两车相撞，有人受伤"), ("火灾", "民房着火，浓烟很大"), ("内涝", "道路积水，车辆无法通行"),
         ("山火", "林地起火，火势蔓延"), ("", "群众报告路面塌陷")]


def _percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] * 1000


def _run_threads(count: int, work) -> list:
    results = [None] * count
    threads = [threading.Thread(target=lambda i=i: results.__setitem__(i, work(i))) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _bare_view(base: str) -> tuple[float, list[float]]:
    def work(_):
        latencies, deadline = [], time.monotonic() + BASELINE_SECONDS
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < deadline:
                started = time.perf_counter()
                client.get("/bench/bare").raise_for_status()
                latencies.append(time.perf_counter() - started)
        return latencies

    started = time.monotonic()
    latencies = [x for part in _run_threads(CLIENTS, work) for x in part]
    return len(latencies) / (time.monotonic() - started), latencies


def _bare_insert(folder: Path, database_url: str | None) -> float:
    """The physical floor: one durable row per transaction (SQLite WAL with synchronous=FULL, or PostgreSQL
    with its default synchronous commit), from as many writers as clients."""
    if database_url:
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as db:
            db.execute("CREATE TABLE floor (id serial PRIMARY KEY, external_id text UNIQUE, body text)")

        def connect():
            return psycopg.connect(database_url, autocommit=True)

        def insert(db, key):
            db.execute("INSERT INTO floor (external_id, body) VALUES (%s, %s)", (key, "x" * 300))
    else:
        path = folder / "floor.sqlite3"
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE floor (id INTEGER PRIMARY KEY, external_id TEXT UNIQUE, body TEXT)")

        def connect():
            db = sqlite3.connect(path, timeout=20, isolation_level=None)
            db.execute("PRAGMA synchronous=FULL")
            return db

        def insert(db, key):
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO floor (external_id, body) VALUES (?, ?)", (key, "x" * 300))
            db.execute("COMMIT")

    def work(i):
        db, n = connect(), 0
        deadline = time.monotonic() + BASELINE_SECONDS
        while time.monotonic() < deadline:
            insert(db, f"{i}-{n}")
            n += 1
        db.close()
        return n

    started = time.monotonic()
    total = sum(_run_threads(CLIENTS, work))
    return total / (time.monotonic() - started)


def _body(rng: random.Random, external_id: str) -> bytes:
    hint, text = rng.choice(HINTS)
    now = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
    return json.dumps({
        "external_id": external_id, "received_at": now, "occurred_at": now,
        "lat": round(COUNTY[0] + rng.uniform(-0.25, 0.25), 5), "lon": round(COUNTY[1] + rng.uniform(-0.25, 0.25), 5),
        "address": "云溪县", "category_hint": hint, "description": text, "caller_name": "压测", "caller_phone": "13800000000",
    }, ensure_ascii=False).encode()


def _intake_load(base: str, clients: list[dict]) -> tuple[float, list[float], list[str], dict]:
    def work(i):
        client, rng = clients[i], random.Random(i)
        latencies, accepted, codes, n = [], [], {}, 0
        deadline = time.monotonic() + SECONDS
        with httpx.Client(base_url=base, timeout=30) as http:
            while time.monotonic() < deadline:
                external_id = f"bench-{i}-{n}"
                body, stamp = _body(rng, external_id), str(int(time.time()))
                mac = hmac.new(client["secret"].encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
                headers = {"X-CountyDesk-Client": client["client_id"], "X-CountyDesk-Timestamp": stamp,
                           "X-CountyDesk-Signature": f"sha256={mac}", "content-type": "application/json"}
                started = time.perf_counter()
                response = http.post("/api/intake/110", content=body, headers=headers)
                latencies.append(time.perf_counter() - started)
                codes[response.status_code] = codes.get(response.status_code, 0) + 1
                if 200 <= response.status_code < 300:
                    accepted.append(external_id)
                n += 1
        return latencies, accepted, codes

    started = time.monotonic()
    parts = _run_threads(CLIENTS, work)
    elapsed = time.monotonic() - started
    codes: dict = {}
    for _, _, part in parts:
        for code, n in part.items():
            codes[code] = codes.get(code, 0) + n
    accepted = [x for _, part, _ in parts for x in part]
    return len(accepted) / elapsed, [x for part, _, _ in parts for x in part], accepted, codes


def _query(env: dict, database_url: str | None, sql: str) -> list[tuple]:
    if database_url:
        import psycopg

        with psycopg.connect(database_url) as db:
            return db.execute(sql).fetchall()
    with sqlite3.connect(Path(env["COUNTYDESK_VAR"]) / "countydesk.sqlite3") as db:
        return db.execute(sql).fetchall()


def _missing(env: dict, database_url: str | None, accepted: list[str]) -> int:
    stored = {row[0] for row in _query(env, database_url,
                                       "SELECT external_id FROM incidents_intake WHERE external_id LIKE 'bench-%'")}
    return len(set(accepted) - stored)


def _drain(env: dict, database_url: str | None) -> tuple[float, int]:
    """Seconds until the server has joined every stored intake to an incident, and how many failed."""
    started = time.monotonic()
    while time.monotonic() - started < DRAIN_LIMIT_SECONDS:
        waiting = _query(env, database_url, "SELECT count(*) FROM incidents_intake "
                                            "WHERE incident_id IS NULL AND processing_error = ''")[0][0]
        if not waiting:
            break
        progress(f"inbox: {waiting} intakes waiting to be joined …")
        time.sleep(2)
    failed = _query(env, database_url, "SELECT count(*) FROM incidents_intake WHERE processing_error <> ''")[0][0]
    return time.monotonic() - started, failed


def run(database_url: str | None, label: str):
    bench = f"intake-{label}"
    with served_demo(database_url=database_url) as (base, pid, env):
        database_url = env.get("DATABASE_URL")  # the scratch database the county is served from
        clients = [json.loads(countydesk(env, "clients", "add", f"压测系统{i}", "--channel", "110")) for i in range(CLIENTS)]
        progress(f"bare view, {CLIENTS} clients …")
        bare_rate, bare_lat = _bare_view(base)
        progress(f"signed intake, {CLIENTS} clients for {SECONDS:.0f} s …")
        rate, latencies, accepted, codes = _intake_load(base, clients)
        missing = _missing(env, database_url, accepted)
        drain_seconds, failed = _drain(env, database_url)
        with tempfile.TemporaryDirectory(prefix="countydesk-floor-") as tmp:
            progress("bare durable insert …")
            floor = _bare_insert(Path(tmp), database_url)
    extra = {"clients": CLIENTS, "seconds": SECONDS}
    emit(bench, "bare_view", bare_rate, "req/s", bare_rate, 1.0, **extra)
    emit(bench, "bare_durable_insert", floor, "rows/s", floor, 1.0, **extra)
    emit(bench, "intakes_per_s", rate, "intakes/s", bare_rate, rate / bare_rate, vs_durable_insert=round(rate / floor, 3),
         **extra)
    p50, p99 = _percentile(latencies, 50), _percentile(latencies, 99)
    emit(bench, "intake_p50", p50, "ms", _percentile(bare_lat, 50), p50 / _percentile(bare_lat, 50), **extra)
    emit(bench, "intake_p99", p99, "ms", _percentile(bare_lat, 99), p99 / _percentile(bare_lat, 99), **extra)
    emit(bench, "accepted_missing_from_db", missing, "intakes", None, None, accepted=len(accepted),
         status_codes={str(k): v for k, v in sorted(codes.items())}, mean_ms=round(statistics.fmean(latencies) * 1000, 2))
    joined_rate = len(accepted) / (SECONDS + drain_seconds)
    emit(bench, "joined_per_s", joined_rate, "intakes/s", rate, joined_rate / rate, drained_after_s=round(drain_seconds, 1),
         failed=failed, **extra)


def main():
    run(None, "sqlite")
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        run(os.environ["DATABASE_URL"], "postgres")


if __name__ == "__main__":
    main()
