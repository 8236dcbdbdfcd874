"""Live updates across two served processes: `countydesk serve` twice over one database, sharing Redis.

The demo test database is copied (SQLite: the backup API; PostgreSQL: a template copy), so no demo build is
needed; the servers, as in production, run granian in ASGI mode with REDIS_URL set.
"""

import json
import os
import queue
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest
from django.db import connection

from countydesk.demo.generator import DEMO_PASSWORD

from ..conftest import ensure_demo, served_snapshot_name
from ..incidents.conftest import _cli, _wait_up, payload, sign

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/11")
STREAM = "/events/incidents.desk"
# the browser tests allow the ORM on their event loop (DJANGO_ALLOW_ASYNC_UNSAFE); a served process runs as in production
SERVED_UNSET = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
pytestmark = pytest.mark.django_db  # the demo test database must exist before it is copied


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _copy_database(folder: Path) -> dict:
    """Environment naming a copy of the (committed) demo test database."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(folder / "countydesk.sqlite3") as copy:
            connection.connection.backup(copy)
        return {}
    # a name of its own: module fixtures overlap when tests are reordered, and each drops its copy WITH (FORCE)
    name = f"{connection.settings_dict['NAME']}_served_{uuid.uuid4().hex[:8]}"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{served_snapshot_name()}"')
    s = connection.settings_dict
    return {"DATABASE_URL": f"postgres://{s['USER'] or ''}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"}


def _drop_copy(env: dict):
    if "DATABASE_URL" in env:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{env["DATABASE_URL"].rsplit("/", 1)[1]}" WITH (FORCE)')


class Pair:
    def __init__(self, env, servers, client):
        self.env, self.servers, self.client = env, servers, client
        self.logs = Path(env["COUNTYDESK_VAR"])
        self.a, self.b = (url for url, _ in servers)

    def sign_in(self, base: str, username: str) -> httpx.Client:
        session = httpx.Client(base_url=base, timeout=30)
        session.get("/login/")
        answer = session.post("/login/", data={"username": username, "password": DEMO_PASSWORD,
                                               "csrfmiddlewaretoken": session.cookies["csrftoken"]},
                              headers={"referer": f"{base}/login/"})
        assert answer.status_code == 302, answer.text[:300]
        return session

    def post_intake(self, base: str, **fields):
        client_id, secret = self.client
        body = json.dumps(payload(**fields), ensure_ascii=False).encode()
        headers = sign(secret, body) | {"X-CountyDesk-Client": client_id, "content-type": "application/json"}
        answer = httpx.post(f"{base}/api/intake/119", content=body, headers=headers, timeout=30)
        assert answer.status_code in (201, 202), f"{answer.text}\n{self.server_log()}"

    def server_log(self) -> str:
        """What the servers printed (errors only, LOG_LEVEL=ERROR), for a failure's message."""
        return "\n".join(f"--- {log.name}\n{log.read_text()[-4000:]}" for log in sorted(self.logs.glob("serve-*.log")))


@pytest.fixture(scope="module")
def pair(django_db_setup, django_db_blocker):
    with tempfile.TemporaryDirectory(prefix="countydesk-events-") as tmp, django_db_blocker.unblock():
        ensure_demo()  # an earlier test on the committed database may have flushed it
        env = {k: v for k, v in os.environ.items() if k not in SERVED_UNSET} | _copy_database(Path(tmp)) | {
            "COUNTYDESK_VAR": tmp, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path]),
            "LOG_LEVEL": "ERROR", "REDIS_URL": REDIS_URL, "EVENTS_CHANNEL": f"countydesk-test:{uuid.uuid4().hex}"}
        servers = []
        try:
            for _ in range(2):
                port = _free_port()
                process = subprocess.Popen([sys.executable, "-m", "countydesk.cli", "serve", "--no-worker", "--port",
                                            str(port)], env=env, cwd=ROOT, stdout=(Path(tmp) / f"serve-{port}.log").open("w"),
                                           stderr=subprocess.STDOUT)
                servers.append((f"http://127.0.0.1:{port}", process))
            created = json.loads(_cli(env, "clients", "add", "实时推送测试", "--channel", "119"))
            for url, _ in servers:
                _wait_up(url)
            yield Pair(env, servers, (created["client_id"], created["secret"]))
        finally:
            for _, process in servers:
                process.terminate()
            for _, process in servers:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
            _drop_copy(env)


class Stream:
    """An open event stream read in a thread; frames arrive in `frames` as dicts of their fields."""

    def __init__(self, session: httpx.Client, last_event_id: str | None = None):
        self.frames: queue.Queue = queue.Queue()
        self.status = queue.Queue()
        headers = {"Last-Event-ID": last_event_id} if last_event_id else {}
        self._context = session.stream("GET", STREAM, headers=headers, timeout=httpx.Timeout(30, read=60))
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        try:
            with self._context as response:
                self.status.put(response.status_code)
                buffer = ""
                for text in response.iter_text():
                    buffer += text
                    while "\n\n" in buffer:
                        frame, buffer = buffer.split("\n\n", 1)
                        self.frames.put(dict(line.split(": ", 1) for line in frame.split("\n") if ": " in line
                                             and not line.startswith(":")) | {"raw": frame})
        except httpx.HTTPError:
            pass
        self.frames.put(None)

    def next_state(self, seconds: float = 20, where=lambda frame: True) -> dict | None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                frame = self.frames.get(timeout=left)
            except queue.Empty:
                return None
            if frame is None:
                return None
            if frame.get("event") == "state" and where(frame):
                return frame
        return None


def test_a_change_made_through_one_process_reaches_a_stream_on_the_other(pair):
    desk = Stream(pair.sign_in(pair.b, "zhiban"))
    first = desk.next_state()
    assert first is not None and int(first["id"]) > 0
    pair.post_intake(pair.a, external_id="served-events-1", description="青山镇河堤发生管涌，群众已转移")
    arrived = desk.next_state(where=lambda f: "青山镇河堤发生管涌" in f["data"])
    assert arrived is not None and int(arrived["id"]) > int(first["id"])
    assert any(i["description"].startswith("青山镇河堤") for i in json.loads(arrived["data"])["intakes"])


def test_a_user_outside_the_desk_receives_nothing(pair):
    township = pair.sign_in(pair.b, "qingshan_xxy")
    assert township.get(STREAM).status_code == 403
    assert httpx.get(f"{pair.b}{STREAM}", timeout=10).status_code == 403


def test_a_stream_resumes_from_its_last_event_id(pair):
    session = pair.sign_in(pair.a, "yingjiban")
    latest = Stream(session).next_state()["id"]
    resumed = Stream(session, last_event_id=latest)
    assert resumed.status.get(timeout=20) == 200
    assert resumed.next_state(seconds=2) is None  # nothing changed since: no state to send again
    behind = Stream(session, last_event_id=str(int(latest) - 1)).next_state(seconds=10)
    assert behind is not None and behind["id"] == latest


def test_fifty_open_streams_do_not_stop_a_page_from_answering(pair):
    session = pair.sign_in(pair.b, "zhiban")
    cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
    host, port = pair.b.removeprefix("http://").split(":")
    sockets = []
    try:
        for _ in range(50):
            s = socket.create_connection((host, int(port)), timeout=20)
            s.sendall(f"GET {STREAM} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\r\n".encode())
            sockets.append(s)
        for s in sockets:
            assert s.recv(200).startswith(b"HTTP/1.1 200")
        assert session.get("/incidents/desk/", timeout=20).status_code == 200
        assert session.get("/incidents/", timeout=20).status_code == 200
    finally:
        for s in sockets:
            s.close()


def test_open_streams_end_cleanly_when_the_server_stops(pair):
    url, process = pair.servers[0]
    stream = Stream(pair.sign_in(url, "zhiban"))
    assert stream.next_state() is not None
    process.terminate()
    assert process.wait(timeout=20) == 0
    stream.thread.join(timeout=10)
    assert not stream.thread.is_alive()
