"""The same external id posted 8 times at once makes one intake, against a live server, and the inbox joins it
to an incident moments later.

On PostgreSQL this is pytest-django's `live_server`. On SQLite the test database lives in memory and
`live_server` hands every request thread the *same* connection, so concurrent transactions cannot be tested
there; the test then serves a fresh file database with `countydesk serve` (granian, 8 threads), as production does.
"""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pytest
from django.db import connection

from .conftest import payload, sign

ROOT = Path(__file__).resolve().parents[2]
# Declared here, not only through getfixturevalue, so that the test database is set up for it.
pytestmark = pytest.mark.django_db(transaction=True)


def _cli(env, *args) -> str:
    return subprocess.run([sys.executable, "-m", "countydesk.cli", *args], env=env, check=True, capture_output=True,
                          text=True, cwd=ROOT).stdout


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _up(base: str):
    for _ in range(150):
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


@pytest.fixture
def intake_server(request):
    """(base url, client id, secret, count(external_id) -> int)."""
    if connection.vendor != "sqlite":
        request.getfixturevalue("demo_transactional_db")
        live = request.getfixturevalue("live_server")
        from countydesk.accounts.system import SYSTEM
        from countydesk.incidents import services
        from countydesk.incidents.models import Intake

        client, secret = services.do_add_client(SYSTEM, "并发测试", "110")
        yield live.url, client.client_id, secret, lambda ext: Intake.objects.filter(external_id=ext).count()
        return
    with tempfile.TemporaryDirectory(prefix="countydesk-parallel-") as tmp:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
            "COUNTYDESK_VAR": tmp, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path]), "LOG_LEVEL": "ERROR"}
        _cli(env, "migrate", "--noinput", "-v0")
        created = json.loads(_cli(env, "clients", "add", "并发测试", "--channel", "110"))
        port = _port()
        server = subprocess.Popen([sys.executable, "-m", "countydesk.cli", "serve", "--no-worker", "--port", str(port)],
                                  env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            _up(base)

            def count(ext):
                with sqlite3.connect(Path(tmp) / "countydesk.sqlite3") as db:
                    return db.execute("SELECT count(*) FROM incidents_intake WHERE external_id = ?", (ext,)).fetchone()[0]

            yield base, created["client_id"], created["secret"], count
        finally:
            server.terminate()
            server.wait(timeout=20)


def test_same_external_id_in_parallel_makes_one_intake(intake_server):
    base, client_id, secret, count = intake_server
    body = json.dumps(payload(external_id="parallel-1"), ensure_ascii=False).encode()
    answers, barrier = [], threading.Barrier(8)

    def post():
        headers = sign(secret, body) | {"X-CountyDesk-Client": client_id, "content-type": "application/json"}
        barrier.wait()
        response = httpx.post(f"{base}/api/intake/110", content=body, headers=headers, timeout=30)
        answers.append((response.status_code, response.json()))

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(code for code, _ in answers) == [200] * 7 + [201], answers
    assert len({(a["intake_id"], a["external_id"]) for _, a in answers}) == 1
    assert count("parallel-1") == 1
    # The served process joins the stored intake to an incident moments later; a repeat shows it.
    for _ in range(100):
        headers = sign(secret, body) | {"X-CountyDesk-Client": client_id, "content-type": "application/json"}
        again = httpx.post(f"{base}/api/intake/110", content=body, headers=headers, timeout=30).json()
        if again["state"] == "joined":
            break
        time.sleep(0.1)
    assert again["state"] == "joined" and again["incident_id"] and again["grade"], again
