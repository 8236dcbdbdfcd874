"""The inbox: a signed intake is answered once stored and joined to its incident moments later; the lean WSGI
front answers the route as the API does (the served, threaded case is in test_parallel)."""

import io
import json

import pytest
from django.core import signals
from django.db import close_old_connections

from countydesk.audit.models import AuditEvent
from countydesk.incidents import inbox, rules
from countydesk.incidents.desk import desk_state
from countydesk.incidents.front import with_intake_front
from countydesk.incidents.models import Incident, Intake

from .conftest import payload, sign


@pytest.fixture
def deferred(settings, monkeypatch):
    """Answer before joining, and join only when the test says so (the thread is tested in served tests)."""
    settings.INTAKE_INLINE = False
    monkeypatch.setattr(inbox.processor, "wake", lambda: None)


def test_answer_comes_before_the_join_and_the_inbox_joins_it(deferred, post_intake, user):
    incidents, audits = Incident.objects.count(), AuditEvent.objects.count()
    answer = post_intake(payload(external_id="later-1"))
    assert answer.status_code == 201
    body = answer.json()
    assert body["state"] == "received" and body["incident_id"] is None and body["grade"] is None
    intake = Intake.objects.get(pk=body["intake_id"])
    assert intake.pending and Incident.objects.count() == incidents
    assert not any(i["id"] == intake.pk for i in desk_state(user("zhiban"))["intakes"])

    assert inbox.drain() >= 1
    intake.refresh_from_db()
    assert not intake.pending and intake.incident.grade
    assert AuditEvent.objects.filter(action="intake.receive", object_id=str(intake.pk)).count() == 1
    assert AuditEvent.objects.count() > audits
    assert any(i["id"] == intake.pk for i in desk_state(user("zhiban"))["intakes"])
    again = post_intake(payload(external_id="later-1")).json()
    assert again["state"] == "joined" and again["incident_id"] == intake.incident_id


@pytest.mark.parametrize("error", [ValueError("no rule for this text"), OverflowError("date value out of range")])
def test_an_intake_that_cannot_be_joined_is_quarantined_on_the_desk_and_does_not_block_the_others(
        deferred, post_intake, monkeypatch, user, error):
    """Any failure of one intake (an OverflowError is what a far-off date did in the time-window match, and it
    used to roll back the whole batch for ever) marks that intake and lets the others join."""
    real = rules.decide_type

    def decide(hint, text, channel):
        if "坏数据" in text:
            raise error
        return real(hint, text, channel)

    monkeypatch.setattr(rules, "decide_type", decide)
    bad = post_intake(payload(external_id="bad-1", description="坏数据")).json()
    good = post_intake(payload(external_id="good-1")).json()
    inbox.drain()
    assert Intake.objects.get(pk=bad["intake_id"]).processing_error == str(error)
    assert Intake.objects.get(pk=good["intake_id"]).incident_id is not None
    assert AuditEvent.objects.filter(action="intake.fail", object_id=str(bad["intake_id"])).exists()
    assert inbox.drain() == 0
    unjoined = desk_state(user("zhiban"))["unjoined"]
    assert [(i["external_id"], i["error"]) for i in unjoined][:1] == [("bad-1", str(error))]


def _environ(path, body: bytes, headers: dict, host="127.0.0.1:8000", method="POST") -> dict:
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "HTTP_HOST": host, "CONTENT_LENGTH": str(len(body)),
               "CONTENT_TYPE": "application/json", "wsgi.input": io.BytesIO(body)}
    return environ | {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()}


def _call(app, environ):
    """Call the WSGI application inside the test's transaction (as Django's test client does, the request
    signals must not close the test's connection)."""
    seen = {}
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        chunks = app(environ, lambda status, headers: seen.update(status=status, headers=dict(headers)))
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return int(seen["status"].split()[0]), seen["headers"], b"".join(chunks)


def _django_stub(environ, start_response):
    start_response("200 OK", [])
    return [b"django"]


@pytest.mark.parametrize("case", ["ok", "bad_signature", "bad_host", "bad_json", "too_large", "wrong_channel"])
def test_front_answers_like_the_api(case, intake_client):
    client, secret = intake_client("110")
    body = json.dumps(payload(external_id=f"front-{case}"), ensure_ascii=False).encode()
    if case == "bad_json":
        body = b"{not json"
    if case == "too_large":
        body = json.dumps(payload(description="长" * 70_000)).encode()
    headers = sign(secret, body) | {"X-CountyDesk-Client": client.client_id}
    if case == "bad_signature":
        headers["X-CountyDesk-Signature"] = "sha256=" + "0" * 64
    path = "/api/intake/119" if case == "wrong_channel" else "/api/intake/110"
    host = "evil.example" if case == "bad_host" else "127.0.0.1:8000"
    before = Intake.objects.count()
    status, headers_out, out = _call(with_intake_front(_django_stub), _environ(path, body, headers, host))
    answer = json.loads(out)
    expected = {"ok": 201, "bad_signature": 401, "bad_host": 400, "bad_json": 422, "too_large": 413,
                "wrong_channel": 403}[case]
    assert status == expected, answer
    assert headers_out["Content-Type"] == "application/json" and headers_out["X-Content-Type-Options"] == "nosniff"
    if case == "ok":
        assert answer["external_id"] == "front-ok" and Intake.objects.count() == before + 1
    else:
        assert set(answer) == {"error", "message", "fields"} and Intake.objects.count() == before


def test_front_passes_everything_else_to_django():
    app = with_intake_front(_django_stub)
    for method, path in [("GET", "/api/intake/110"), ("POST", "/api/intake/110/extra"), ("POST", "/api/incidents")]:
        assert _call(app, _environ(path, b"", {}, method=method))[2] == b"django"


def test_the_worker_joins_what_a_stopped_process_left_waiting(deferred, post_intake):
    from countydesk.incidents.tasks import join_waiting_intakes

    left = post_intake(payload(external_id="left-1")).json()
    assert Intake.objects.get(pk=left["intake_id"]).pending
    join_waiting_intakes.call_local()
    assert Intake.objects.get(pk=left["intake_id"]).incident_id is not None
