"""Web figures (issue 2 and the peer-comparable set in DESIGN.md), each against a bare Django view.

Sequential client, persistent connection, as the Sahana Eden figures were measured.
"""

import itertools
import json
import time

import httpx

from .harness import countydesk, durable_insert_rate, emit, median_ms, peak_rss_mb, progress, rate, served_demo, signed_in_client

PASSWORD = "CountyDesk-demo-2026"
EDEN = {"creates_per_s": 14, "fetch_500_ms": 86, "fetch_10000_ms": 1105, "peak_rss_mb": 535}


def _fetch_ms(client, url, repeat=5) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        response.raise_for_status()
        samples.append(time.perf_counter() - started)
    return median_ms(samples)


def run(database_url: str | None = None, label: str = "sqlite"):
    bench = f"web-{label}"
    with served_demo(extra_people=10_500, database_url=database_url) as (base, pid, env):
        browser = signed_in_client(base, "xinxike", PASSWORD)
        token = json.loads(countydesk(env, "token", "issue", "admin", "bench"))["token"]
        api = httpx.Client(base_url=base, timeout=60, headers={"authorization": f"Bearer {token}"})
        progress(f"{label}: bare view, dashboard, unit list …")
        bare, _ = rate(browser, "GET", "/bench/bare")
        emit(bench, "bare_view", bare, "req/s", bare, 1.0)
        dashboard, _ = rate(browser, "GET", "/")
        emit(bench, "dashboard", dashboard, "req/s", bare, dashboard / bare)
        units, _ = rate(api, "GET", "/api/units?per_page=100")
        emit(bench, "unit_list_api_100", units, "req/s", bare, units / bare)

        progress(f"{label}: creates through the API …")
        county = api.get("/api/units?kind=township&per_page=1").json()["items"][0]["id"]
        counter = itertools.count()
        creates, _ = rate(api, "POST", lambda: ("/api/people", {"name": f"测试{next(counter)}", "unit_id": county}))
        floor = durable_insert_rate(env, env.get("DATABASE_URL"))
        emit(bench, "creates_per_s", creates, "req/s", floor, creates / floor, eden=EDEN["creates_per_s"],
             vs_eden=round(creates / EDEN["creates_per_s"], 1), record="person", baseline_is="bare durable insert")

        progress(f"{label}: fetching 500 and 10,000 records …")
        bare_ms = _fetch_ms(browser, "/bench/bare")
        for n, key in [(500, "fetch_500_ms"), (10_000, "fetch_10000_ms")]:
            ms = _fetch_ms(api, f"/api/people?per_page={n}")
            emit(bench, key, ms, "ms", bare_ms, ms / bare_ms, eden=EDEN[key], vs_eden=round(EDEN[key] / ms, 1))
        rss = peak_rss_mb(pid)
        emit(bench, "server_peak_rss", rss, "MB", None, None, eden=EDEN["peak_rss_mb"],
             vs_eden=round(EDEN["peak_rss_mb"] / rss, 1))
