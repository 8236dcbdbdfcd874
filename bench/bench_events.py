"""Live updates (issue 10, item 4): a page's request rate with 0 and with 200 open event streams, every stream
receiving every change, and the delay from a change to its arrival (p50/p99).

Served as `make run` serves it: `countydesk serve` on the embedded SQLite demo, default settings. With
REDIS_URL set, the same again through two server processes sharing Redis: the streams on one, the changes
made through the other.
"""

import asyncio
import json
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (_free_port, _wait_until_up, countydesk, emit, progress, rate,  # noqa: E402
                           served_demo, signed_in_client)

STREAMS = 200
CHANGES = 10
RATE_SECONDS = 4.0
PAGE = "/incidents/desk/"
STREAM = "/events/incidents.desk"
PASSWORD = "CountyDesk-demo-2026"
FRAME = re.compile(rb"id: (\d+)\nevent: state\n")


class Streams:
    """`count` event streams held open by one asyncio loop in a thread; each keeps (id, arrival) of its states."""

    def __init__(self, base: str, cookie: str, count: int):
        self.host, port = base.removeprefix("http://").split(":")
        self.port, self.cookie = int(port), cookie
        self.arrivals: list[list[tuple[int, float]]] = [[] for _ in range(count)]
        self.connected = 0
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_until_complete, args=(self._all(),), daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 60
        while self.connected < count or not all(self.arrivals):
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {self.connected} of {count} streams connected")
            time.sleep(0.1)

    async def _all(self):
        self.tasks = [asyncio.ensure_future(self._one(i)) for i in range(len(self.arrivals))]
        await asyncio.gather(*self.tasks, return_exceptions=True)

    async def _one(self, i: int):
        reader, writer = await asyncio.open_connection(self.host, self.port)
        writer.write(f"GET {STREAM} HTTP/1.1\r\nHost: {self.host}\r\nCookie: {self.cookie}\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(head[:100])
        self.connected += 1
        buffer = b""
        while chunk := await reader.read(1 << 16):
            buffer += chunk
            now = time.perf_counter()
            self.arrivals[i].extend((int(m.group(1)), now) for m in FRAME.finditer(buffer))
            buffer = buffer[-64:] if not FRAME.search(buffer[-64:]) else b""
        writer.close()

    def latest(self) -> int:
        return max(ids[-1][0] for ids in self.arrivals)

    def close(self):
        for task in self.tasks:
            self.loop.call_soon_threadsafe(task.cancel)
        self.thread.join(timeout=10)


def _intake_poster(base: str, env: dict):
    import hashlib
    import hmac

    import httpx

    created = json.loads(countydesk(env, "clients", "add", "实时推送压测", "--channel", "119"))
    client = httpx.Client(base_url=base, timeout=30)

    def post(n: int):
        body = json.dumps({"external_id": f"bench-events-{uuid.uuid4().hex}", "received_at": "2026-11-28T09:00:00+08:00",
                           "address": "云溪县城关镇人民路", "category_hint": "交通事故",
                           "description": f"人民路两车相撞，有人受伤（压测 {n}）", "caller_phone": "13800000000"},
                          ensure_ascii=False).encode()
        stamp = str(int(time.time()))
        mac = hmac.new(created["secret"].encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        client.post("/api/intake/119", content=body, headers={
            "X-CountyDesk-Client": created["client_id"], "X-CountyDesk-Timestamp": stamp,
            "X-CountyDesk-Signature": f"sha256={mac}", "content-type": "application/json"}).raise_for_status()

    return post


def _delays(streams: Streams, post) -> tuple[list[float], int]:
    """CHANGES changes one after another; per stream, the delay to its first state newer than the change."""
    delays, missed = [], 0
    for n in range(CHANGES):
        before = streams.latest()
        started = time.perf_counter()
        post(n)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(a[-1][0] <= before for a in streams.arrivals):
            time.sleep(0.02)
        for arrivals in streams.arrivals:
            newer = [t for i, t in arrivals if i > before]
            if newer:
                delays.append((newer[0] - started) * 1000)
            else:
                missed += 1
        time.sleep(0.3)  # let the change's trailing events settle before the next one
    return delays, missed


def _percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] if ordered else float("nan")


def measure(bench: str, page_base: str, change_base: str, env: dict):
    session = signed_in_client(page_base, "zhiban", PASSWORD)
    cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
    post = _intake_poster(change_base, env)
    progress(f"{bench}: {PAGE} with no event streams …")
    baseline, _ = rate(session, "GET", PAGE, seconds=RATE_SECONDS)
    progress(f"{bench}: opening {STREAMS} event streams …")
    streams = Streams(page_base, cookie, STREAMS)
    try:
        progress(f"{bench}: {PAGE} with {STREAMS} streams open …")
        loaded, _ = rate(session, "GET", PAGE, seconds=RATE_SECONDS)
        progress(f"{bench}: {CHANGES} changes …")
        delays, missed = _delays(streams, post)
    finally:
        streams.close()
    extra = {"streams": STREAMS, "changes": CHANGES, "page": PAGE}
    emit(bench, "page_rate_no_streams", baseline, "req/s", baseline, 1.0, **extra)
    emit(bench, "page_rate_with_streams", loaded, "req/s", baseline, loaded / baseline, target=0.8, **extra)
    emit(bench, "deliveries_missed", missed, "stream-changes", None, None, expected=STREAMS * CHANGES, **extra)
    emit(bench, "delay_p50", _percentile(delays, 50), "ms", None, None, **extra)
    emit(bench, "delay_p99", _percentile(delays, 99), "ms", None, None, **extra)


def _start(env: dict, *args) -> tuple[str, subprocess.Popen]:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", *args, "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return f"http://127.0.0.1:{port}", server


def _stop(server: subprocess.Popen):
    server.terminate()
    server.wait(timeout=20)


def compare_with_wsgi(asgi_base: str, env: dict):
    """The same pages from granian's plain WSGI mode (the set-up before the event streams): the ASGI front
    with a2wsgi's thread pool should serve them at about the same rate."""
    base, server = _start(env, "granian", "--interface", "wsgi", "--blocking-threads", "8", "--log-level", "error",
                          "countydesk.wsgi:application")
    try:
        _wait_until_up(base, seconds=90)
        for label, url in (("healthz", "/healthz"), ("desk_page", PAGE)):
            wsgi = rate(signed_in_client(base, "zhiban", PASSWORD), "GET", url, seconds=RATE_SECONDS)[0]
            asgi = rate(signed_in_client(asgi_base, "zhiban", PASSWORD), "GET", url, seconds=RATE_SECONDS)[0]
            emit("events-front", f"{label}_rate_asgi_front", asgi, "req/s", wsgi, asgi / wsgi, baseline_is="granian WSGI")
    finally:
        _stop(server)


def _second_pair(env: dict, redis_url: str):
    """Two more server processes over the same database, sharing Redis."""
    env = env | {"REDIS_URL": redis_url, "EVENTS_CHANNEL": f"countydesk-bench:{uuid.uuid4().hex}"}
    servers = [_start(env, "countydesk.cli", "serve", "--no-worker") for _ in range(2)]
    for url, _ in servers:
        _wait_until_up(url, seconds=90)
    return servers


def main():
    os.environ["INTAKE_INLINE"] = "1"  # a change is committed when its request is answered
    redis_url = os.environ.pop("REDIS_URL", "")
    with served_demo() as (base, _pid, env):
        measure("events-embedded", base, base, env)
        compare_with_wsgi(base, env)
        if redis_url:
            servers = _second_pair(env, redis_url)
            try:
                measure("events-redis", servers[1][0], servers[0][0], env)
            finally:
                for _, server in servers:
                    _stop(server)


if __name__ == "__main__":
    main()
