"""The scaled deployment the README describes (issue 12, item 2): PostgreSQL, Redis, two `countydesk serve`
processes and a separate `countydesk worker`, over a copy of the demo test database.

Run with TEST_SCALED=1 on PostgreSQL: by `make test-postgres` (so by `make test` and `.ci/run`) and alone by
`make test-scaled`. With
REDIS_URL set every process must start (the Redis client is a dependency), one intake per key must hold
with parallel posters spread over both servers, the inbox must join it, and a change made through one
server must reach a live stream opened on the other through Redis.
"""

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import pytest

from countydesk.demo.generator import DEMO_PASSWORD

from ..conftest import ensure_demo
from ..core.test_events_served import Stream, _copy_database, _drop_copy, _free_port
from ..incidents.conftest import _cli, _wait_up, payload, sign

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_SCALED_REDIS_URL", "redis://127.0.0.1:6379/13")
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")
pytestmark = [
    pytest.mark.skipif(os.environ.get("TEST_SCALED") != "1", reason="the scaled deployment runs in make test-scaled"),
    pytest.mark.django_db,  # the demo test database must exist before it is copied
]


@dataclass
class Deployment:
    env: dict
    servers: list[tuple[str, subprocess.Popen]]
    worker: subprocess.Popen
    client: tuple[str, str]

    @property
    def urls(self) -> list[str]:
        return [url for url, _ in self.servers]

    def post_intake(self, base: str, body: bytes) -> httpx.Response:
        client_id, secret = self.client
        headers = sign(secret, body) | {"X-CountyDesk-Client": client_id, "content-type": "application/json"}
        return httpx.post(f"{base}/api/intake/119", content=body, headers=headers, timeout=30)

    def logs(self) -> str:
        return "\n".join(f"{p.name}: {p.read_text()[-3000:]}" for p in Path(self.env["COUNTYDESK_VAR"]).glob("*.log"))

    def query(self, sql: str, params=()) -> list[tuple]:
        with psycopg.connect(self.env["DATABASE_URL"]) as db:
            return db.execute(sql, params).fetchall()

    def sign_in(self, base: str, username: str) -> httpx.Client:
        session = httpx.Client(base_url=base, timeout=30)
        session.get("/login/")
        answer = session.post("/login/", data={"username": username, "password": DEMO_PASSWORD,
                                               "csrfmiddlewaretoken": session.cookies["csrftoken"]},
                              headers={"referer": f"{base}/login/"})
        assert answer.status_code == 302, answer.text[:300]
        return session


def _start(env: dict, *args) -> subprocess.Popen:
    """The process's errors go to a log under COUNTYDESK_VAR, which a failing assertion shows."""
    log = open(Path(env["COUNTYDESK_VAR"]) / f"{args[0]}-{time.monotonic_ns()}.log", "w")
    return subprocess.Popen([sys.executable, "-m", "countydesk.cli", *args], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=log)


def _stop(process: subprocess.Popen):
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def deployment(django_db_setup, django_db_blocker):
    assert ON_POSTGRESQL, "the scaled deployment runs on PostgreSQL: set DATABASE_URL"
    run = uuid.uuid4().hex
    with tempfile.TemporaryDirectory(prefix="countydesk-scaled-") as tmp, django_db_blocker.unblock():
        ensure_demo()
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | _copy_database(Path(tmp)) | {
            "COUNTYDESK_VAR": tmp, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path]),
            "LOG_LEVEL": "ERROR", "REDIS_URL": REDIS_URL, "EVENTS_CHANNEL": f"countydesk-test:{run}",
            "HUEY_NAME": f"countydesk-test-{run}"}
        processes = []
        try:
            servers = []
            for _ in range(2):
                port = _free_port()
                servers.append((f"http://127.0.0.1:{port}", _start(env, "serve", "--no-worker", "--port", str(port))))
                processes.append(servers[-1][1])
            worker = _start(env, "worker", "--workers", "1")
            processes.append(worker)
            created = json.loads(_cli(env, "clients", "add", "扩展部署测试", "--channel", "119"))
            for url, _ in servers:
                _wait_up(url)
            yield Deployment(env, servers, worker, (created["client_id"], created["secret"]))
        finally:
            for process in processes:
                _stop(process)
            _drop_copy(env)


def test_every_process_runs_with_redis(deployment):
    for url in deployment.urls:
        assert httpx.get(f"{url}/healthz", timeout=10).status_code == 200
    time.sleep(2)  # a worker that cannot reach its queue stops within moments
    assert deployment.worker.poll() is None, deployment.logs()


def test_one_intake_per_key_with_parallel_posters_on_both_servers(deployment):
    key = f"scaled-{uuid.uuid4().hex[:8]}"
    body = json.dumps(payload(external_id=key, description="青山镇仓库起火，浓烟较大"), ensure_ascii=False).encode()
    answers, barrier = [], threading.Barrier(8)

    def post(base):
        barrier.wait()
        answer = deployment.post_intake(base, body)
        answers.append((answer.status_code, answer.json()))

    threads = [threading.Thread(target=post, args=(deployment.urls[n % 2],)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(code for code, _ in answers) == [200] * 7 + [201], (answers, deployment.logs())
    assert len({a["intake_id"] for _, a in answers}) == 1
    assert deployment.query("SELECT count(*) FROM incidents_intake WHERE external_id = %s", (key,)) == [(1,)]
    for _ in range(100):  # a server's inbox joins it moments later; a repeat on the other server shows it
        again = deployment.post_intake(deployment.urls[1], body).json()
        if again["state"] == "joined":
            break
        time.sleep(0.1)
    assert again["state"] == "joined" and again["incident_id"], again


def test_a_change_through_one_server_reaches_a_stream_on_the_other(deployment):
    desk = Stream(deployment.sign_in(deployment.urls[1], "zhiban"))
    first = desk.next_state()
    assert first is not None
    body = json.dumps(payload(external_id=f"scaled-{uuid.uuid4().hex[:8]}", description="白沙镇山体滑坡，道路中断"),
                      ensure_ascii=False).encode()
    assert deployment.post_intake(deployment.urls[0], body).status_code in (201, 202)
    arrived = desk.next_state(where=lambda frame: "白沙镇山体滑坡" in frame["data"])
    assert arrived is not None and int(arrived["id"]) > int(first["id"])
