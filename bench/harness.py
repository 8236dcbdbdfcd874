"""Shared benchmark plumbing: a served demo county in a temporary folder, timing loops, JSON lines."""

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def emit(bench: str, figure: str, value: float, unit: str, baseline: float | None, ratio: float | None, **extra):
    line = {"bench": bench, "figure": figure, "value": round(value, 3), "unit": unit,
            "baseline": None if baseline is None else round(baseline, 3),
            "ratio": None if ratio is None else round(ratio, 3)} | extra
    print(json.dumps(line, ensure_ascii=False), flush=True)


def progress(message: str):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(var: Path, database_url: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"COUNTYDESK_VAR": str(var), "DJANGO_SETTINGS_MODULE": "bench.settings",
            "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}", "LOG_LEVEL": "ERROR"}
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def countydesk(env: dict, *args) -> str:
    return subprocess.run([sys.executable, "-m", "countydesk.cli", *args], env=env, check=True,
                          capture_output=True, text=True).stdout


@contextmanager
def served_demo(extra_people: int = 0, database_url: str | None = None):
    """Yield (base_url, server pid, env) for a fresh demo county served by `countydesk serve` (on PostgreSQL in a
    scratch database `bench_served` next to the one `database_url` names)."""
    with tempfile.TemporaryDirectory(prefix="countydesk-bench-") as tmp:
        env = _env(Path(tmp), database_url and scratch_database(database_url, "bench_served"))
        progress("migrating and building the demo county …")
        countydesk(env, "migrate", "--noinput", "-v0")
        countydesk(env, "demo", "--seed", "1", "--quiet", "--extra-people", str(extra_people))
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "countydesk.cli", "serve", "--no-worker", "--port", str(port)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base)
            yield base, server.pid, env
        finally:
            server.terminate()
            server.wait(timeout=20)


def _wait_until_up(base: str, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("server did not come up")


def signed_in_client(base: str, username: str, password: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30, follow_redirects=False)
    client.get("/login/")
    response = client.post("/login/", data={"username": username, "password": password,
                                            "csrfmiddlewaretoken": client.cookies["csrftoken"]},
                           headers={"referer": f"{base}/login/"})
    if response.status_code != 302:
        raise RuntimeError(f"sign-in failed: {response.status_code}")
    return client


def rate(client: httpx.Client, method: str, url_or_fn, seconds: float = 4.0, **kwargs) -> tuple[float, list[float]]:
    """Requests per second of one sequential client over a persistent connection, and the latencies."""
    latencies = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        url, body = url_or_fn() if callable(url_or_fn) else (url_or_fn, None)
        started = time.perf_counter()
        response = client.request(method, url, json=body, **kwargs)
        latencies.append(time.perf_counter() - started)
        if response.status_code >= 400:
            raise RuntimeError(f"{method} {url}: {response.status_code} {response.text[:200]}")
    return len(latencies) / sum(latencies), latencies


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def peak_rss_mb(pid: int) -> float:
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", text).group(1)) / 1024


def scratch_database(database_url: str, name: str) -> str:
    """The URL of a fresh, empty database `name` on the server DATABASE_URL names (never that database itself)."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return f"{database_url.rsplit('/', 1)[0]}/{name}"


def durable_insert_rate(env: dict, database_url: str | None, seconds: float = 3.0) -> float:
    """Rows per second, one committed transaction each, straight into the same kind of database:
    the physical floor under any create through the API."""
    if database_url:
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute("CREATE TEMP TABLE floor_probe (id serial PRIMARY KEY, name text)")
            return _insert_loop(lambda: conn.execute("INSERT INTO floor_probe (name) VALUES ('x')"), seconds)
    import sqlite3

    path = Path(env["COUNTYDESK_VAR"]) / "floor_probe.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS floor_probe (id INTEGER PRIMARY KEY, name TEXT)")

    def insert():
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO floor_probe (name) VALUES ('x')")
        conn.execute("COMMIT")

    try:
        return _insert_loop(insert, seconds)
    finally:
        conn.close()


def _insert_loop(insert, seconds: float) -> float:
    count, deadline = 0, time.monotonic() + seconds
    started = time.perf_counter()
    while time.monotonic() < deadline:
        insert()
        count += 1
    return count / (time.perf_counter() - started)


def django_in_process(var: str, database_url: str | None, label: str = ""):
    """Django set up in this process on a fresh database under `var` (SQLite there, or `database_url`), migrated."""
    os.environ["COUNTYDESK_VAR"] = str(var)
    os.environ["DJANGO_SETTINGS_MODULE"] = "countydesk.settings"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    progress(f"{label}migrating a fresh database …")
    call_command("migrate", verbosity=0, interactive=False)
