import hashlib
import hmac
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from django.db import connection
from django.test import Client

from countydesk.accounts.system import SYSTEM
from countydesk.incidents import rules, services

SHANGHAI = ZoneInfo("Asia/Shanghai")
ROOT = Path(__file__).resolve().parents[2]


def sign(secret: str, body: bytes, timestamp: int | None = None) -> dict:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    mac = hmac.new(secret.encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    return {"X-CountyDesk-Timestamp": ts, "X-CountyDesk-Signature": f"sha256={mac}"}


def payload(**overrides) -> dict:
    body = {"external_id": "ext-1", "received_at": "2026-11-28T09:00:00+08:00", "occurred_at": "2026-11-28T08:55:00+08:00",
            "address": "云溪县城关镇人民路", "category_hint": "交通事故", "description": "人民路两车相撞，有人受伤",
            "caller_name": "王伟", "caller_phone": "13800000000"}
    return body | overrides


@pytest.fixture(autouse=True)
def _fresh_rules():
    rules.clear_cache()
    yield
    rules.clear_cache()


@pytest.fixture
def intake_client(db):
    def make(channel="110", name="测试110"):
        return services.do_add_client(SYSTEM, name, channel)

    return make


@pytest.fixture
def post_intake(db, intake_client):
    """post(body_dict_or_bytes, channel=..., client=(client, secret), timestamp=..., secret=...) -> response"""
    default = {}

    def post(body, channel="110", client=None, timestamp=None, secret=None, client_id=None,
             content_type="application/json"):
        if client is None:
            default.setdefault(channel, intake_client(channel))
            client = default[channel]
        raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        headers = sign(secret or client[1], raw, timestamp) | {"X-CountyDesk-Client": client_id or client[0].client_id}
        return Client().post(f"/api/intake/{channel}", raw, content_type=content_type, headers=headers)

    return post


def at(hour: int, minute: int = 0, day: int = 28) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)


def data(minutes_after_nine=0, **fields):
    values = {"received_at": at(9) + timedelta(minutes=minutes_after_nine), "address": "云溪县城关镇人民路",
              "description": "人民路两车相撞，有人受伤", "category_hint": "交通事故"}
    return services.IntakeData(**(values | fields))


@dataclass
class ServedCounty:
    """A county served over HTTP, one intake client, and SQL on its database."""

    url: str
    client_id: str
    secret: str
    query: object  # query(sql, params=()) -> list of rows; %s placeholders
    add_client: object  # add_client(channel) -> (client id, secret)

    def count(self, external_id: str) -> int:
        return self.query("SELECT count(*) FROM incidents_intake WHERE external_id = %s", (external_id,))[0][0]


@pytest.fixture
def serve_county(request):
    """serve_county(with_demo=True) -> ServedCounty, for tests of concurrent requests.

    On PostgreSQL this is pytest-django's `live_server` over the demo test database. On SQLite the test
    database lives in memory and `live_server` hands every request thread the *same* connection, so
    concurrent transactions cannot be tested there; a fresh file database is served with `countydesk serve`
    (granian, 8 threads, the intake front and the inbox thread), as in production.
    """
    stack = ExitStack()

    def serve(with_demo: bool = True, channel: str = "110") -> ServedCounty:
        if connection.vendor != "sqlite":
            return _live(request, channel)
        return _served(stack, with_demo, channel)

    yield serve
    stack.close()


def _live(request, channel) -> ServedCounty:
    request.getfixturevalue("demo_transactional_db")
    live = request.getfixturevalue("live_server")

    def add_client(channel):
        client, secret = services.do_add_client(SYSTEM, f"测试{channel}", channel)
        return client.client_id, secret

    def query(sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return ServedCounty(live.url, *add_client(channel), query, add_client)


def _served(stack: ExitStack, with_demo: bool, channel: str) -> ServedCounty:
    tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="countydesk-served-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "COUNTYDESK_VAR": tmp, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path]), "LOG_LEVEL": "ERROR"}
    _cli(env, "migrate", "--noinput", "-v0")
    if with_demo:
        _cli(env, "demo", "--seed", "1", "--quiet")

    def add_client(channel):
        created = json.loads(_cli(env, "clients", "add", f"测试{channel}", "--channel", channel))
        return created["client_id"], created["secret"]

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "countydesk.cli", "serve", "--no-worker", "--port", str(port)],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stack.callback(lambda: (server.terminate(), server.wait(timeout=20)))
    url = f"http://127.0.0.1:{port}"
    _wait_up(url)

    def query(sql, params=()):
        with sqlite3.connect(Path(tmp) / "countydesk.sqlite3") as db:
            return db.execute(sql.replace("%s", "?"), params).fetchall()

    return ServedCounty(url, *add_client(channel), query, add_client)


def _cli(env, *args) -> str:
    return subprocess.run([sys.executable, "-m", "countydesk.cli", *args], env=env, check=True, capture_output=True,
                          text=True, cwd=ROOT).stdout


def _wait_up(url: str):
    for _ in range(150):
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")
