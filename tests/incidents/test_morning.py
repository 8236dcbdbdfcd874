"""The issue's acceptance script: a morning of 110/119/120 and flood-system traffic posted to a served county,
with retries, several callers about the same fire and forged posts, leaves exactly the right incidents, each
graded, each with its report countdowns on the duty desk, and the forged posts leave nothing."""

import json
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from .conftest import sign

pytestmark = pytest.mark.django_db(transaction=True)


def _morning(towns: list[tuple]) -> list[tuple]:
    """(channel, body) in the order the calls arrive; three events in three townships."""
    start = datetime.now(UTC) - timedelta(hours=3)
    (_, _, lat1, lon1), (_, _, lat2, lon2), (_, name3, lat3, lon3) = towns

    def call(minutes, external_id, hint, text, lat, lon, **figures):
        at = (start + timedelta(minutes=minutes)).isoformat()
        return {"external_id": external_id, "received_at": at, "occurred_at": at, "lat": round(lat, 5),
                "lon": round(lon, 5), "address": "", "category_hint": hint, "description": text,
                "caller_name": "群众", "caller_phone": "13900000000", **figures}

    fire = call(10, "f-1", "火灾", "民房着火，浓烟很大", lat1 + 0.001, lon1 + 0.001)
    crash = call(65, "p-2", "交通事故", "两车相撞，三人当场死亡", lat2 + 0.002, lon2, deaths=3)
    return [
        ("119", fire),
        ("119", fire),  # the 119 system retries: same external id
        ("110", call(12, "p-1", "火灾", "民房起火，有人被困", lat1 + 0.0015, lon1 + 0.001)),
        ("119", call(15, "f-2", "火灾", "看到居民楼着火冒烟", lat1 + 0.0012, lon1 + 0.0008)),
        ("120", call(20, "a-1", "火灾", "火灾现场两人烧伤", lat1 + 0.001, lon1 + 0.0012, seriously_injured=2)),
        ("110", crash),
        ("110", crash),
        ("110", crash),
        ("120", call(68, "a-2", "交通事故", "车祸现场有人死亡，请求救护", lat2 + 0.0024, lon2, deaths=3)),
        ("flood", call(120, "w-1", "内涝", f"{name3}水位超警戒，道路积水", lat3, lon3 + 0.002)),
    ]


def _post(county, clients, channel, body, *, secret=None, client_id=None, timestamp=None):
    raw = json.dumps(body, ensure_ascii=False).encode()
    cid, key = clients[channel]
    headers = sign(secret or key, raw, timestamp) | {"X-CountyDesk-Client": client_id or cid,
                                                     "content-type": "application/json"}
    return httpx.post(f"{county.url}/api/intake/{channel}", content=raw, headers=headers, timeout=30)


def _signed_in(url: str, username: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=30)
    client.get("/login/")
    answer = client.post("/login/", data={"username": username, "password": "CountyDesk-demo-2026",
                                          "csrfmiddlewaretoken": client.cookies["csrftoken"]},
                         headers={"referer": f"{url}/login/"})
    assert answer.status_code == 302
    return client


def test_a_morning_of_calls(serve_county):
    county = serve_county(with_demo=True)
    clients = {"110": (county.client_id, county.secret)} | {c: county.add_client(c) for c in ("119", "120", "flood")}
    towns = county.query("SELECT id, name, lat, lon FROM orgs_unit WHERE kind = 'township' AND lat IS NOT NULL "
                         "ORDER BY id")[:3]
    codes = [_post(county, clients, channel, body).status_code for channel, body in _morning(towns)]
    assert codes == [201, 200, 201, 201, 201, 201, 200, 200, 201, 201]

    forged = {"x-1": _post(county, clients, "110", {"external_id": "x-1"}, secret="not-the-secret"),
              "x-2": _post(county, clients, "119", {"external_id": "x-2"}, timestamp=int(time.time()) - 600),
              "x-3": _post(county, clients, "110", {"external_id": "x-3"}, client_id="cdi_0000000000000000")}
    assert {k: r.status_code for k, r in forged.items()} == {"x-1": 401, "x-2": 401, "x-3": 401}
    assert _post(county, {"110": clients["120"]}, "110", {"external_id": "x-4"}).status_code == 403

    for _ in range(150):  # the served inbox joins the stored intakes moments later
        if not county.query("SELECT count(*) FROM incidents_intake WHERE incident_id IS NULL")[0][0]:
            break
        time.sleep(0.2)
    rows = county.query("SELECT external_id, incident_id FROM incidents_intake WHERE external_id IN "
                        "('f-1', 'p-1', 'f-2', 'a-1', 'p-2', 'a-2', 'w-1', 'x-1', 'x-2', 'x-3', 'x-4')")
    joined = dict(rows)
    assert sorted(joined) == ["a-1", "a-2", "f-1", "f-2", "p-1", "p-2", "w-1"] and len(rows) == 7
    fire, crash, flood = joined["f-1"], joined["p-2"], joined["w-1"]
    assert {joined["p-1"], joined["f-2"], joined["a-1"]} == {fire} and joined["a-2"] == crash
    assert len({fire, crash, flood}) == 3

    incidents = {pk: (grade, deaths, injured, township) for pk, grade, deaths, injured, township in county.query(
        "SELECT id, grade, deaths, seriously_injured, township_id FROM incidents_incident WHERE id IN (%s, %s, %s)",
        (fire, crash, flood))}
    assert incidents[fire][:3] == (4, 0, 2)   # Ⅳ级: two seriously injured, figures taken from the later call
    assert incidents[crash][:3] == (3, 3, 0)  # Ⅲ级: three deaths, reported twice, counted once
    assert incidents[flood][0] == 4
    assert [incidents[pk][3] for pk in (fire, crash, flood)] == [t[0] for t in towns]

    desk = _signed_in(county.url, "zhiban").get("/incidents/desk/state").json()
    shown = {i["id"]: i for i in desk["incidents"]}
    for pk in (fire, crash, flood):
        kinds = [d["kind"] for d in shown[pk]["deadlines"] if not d["met"] and d["due_at"]]
        assert len(kinds) == 2, shown[pk]  # the phone report and the written 初报, counting down
