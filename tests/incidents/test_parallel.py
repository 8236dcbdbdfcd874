"""The same external id posted 8 times at once makes one intake, against a served county (see
conftest.serve_county), and the inbox joins it to an incident moments later."""

import json
import threading
import time

import httpx
import pytest

from .conftest import payload, sign

# Declared here, not only through getfixturevalue, so that the test database is set up for it.
pytestmark = pytest.mark.django_db(transaction=True)


def test_same_external_id_in_parallel_makes_one_intake(serve_county):
    county = serve_county(with_demo=False)
    base, client_id, secret = county.url, county.client_id, county.secret
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
    assert county.count("parallel-1") == 1
    # The served process joins the stored intake to an incident moments later; a repeat shows it.
    for _ in range(100):
        headers = sign(secret, body) | {"X-CountyDesk-Client": client_id, "content-type": "application/json"}
        again = httpx.post(f"{base}/api/intake/110", content=body, headers=headers, timeout=30).json()
        if again["state"] == "joined":
            break
        time.sleep(0.1)
    assert again["state"] == "joined" and again["incident_id"] and again["grade"], again
