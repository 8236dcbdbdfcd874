"""The signed intake: signatures, timestamps, idempotency, bad bodies (B7)."""

import json

import pytest

from countydesk.audit.models import AuditEvent
from countydesk.incidents.models import Incident, Intake

from .conftest import payload


def _counts():
    return Intake.objects.count(), Incident.objects.count(), AuditEvent.objects.count()


def test_new_intake_is_201_and_repeat_is_200_with_the_same_answer(post_intake):
    first = post_intake(payload(extra_field={"unit": "A"}))
    assert first.status_code == 201, first.content
    again = post_intake(payload(extra_field={"unit": "A"}))
    assert again.status_code == 200
    assert again.json() == first.json()
    intake = Intake.objects.get(pk=first.json()["intake_id"])
    assert intake.raw["extra_field"] == {"unit": "A"}
    assert intake.type_code == "202"
    assert intake.township.name == "城关镇"
    assert intake.incident.deadlines.count() == 2


@pytest.mark.parametrize("case", ["forged", "stale", "future", "unknown", "missing", "revoked"])
def test_bad_signature_timestamp_or_client_is_401_and_stores_nothing(post_intake, intake_client, case):
    import time

    from countydesk.accounts.system import SYSTEM
    from countydesk.incidents import services

    client = intake_client("110")
    before = _counts()
    kwargs = {"client": client}
    if case == "forged":
        kwargs["secret"] = "not-the-secret"
    elif case == "stale":
        kwargs["timestamp"] = int(time.time()) - 330
    elif case == "future":
        kwargs["timestamp"] = int(time.time()) + 330
    elif case == "unknown":
        kwargs["client_id"] = "cdi_0000000000000000"
    elif case == "missing":
        kwargs["client_id"] = " "
    else:
        services.do_revoke_client(SYSTEM, client[0])
        before = _counts()
    response = post_intake(payload(), **kwargs)
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"
    assert _counts() == before


def test_rotation_retires_the_old_secret(post_intake, intake_client):
    from countydesk.accounts.system import SYSTEM
    from countydesk.incidents import services

    client, old = intake_client("110")
    _, new = services.do_rotate_client(SYSTEM, client)
    assert post_intake(payload(), client=(client, old)).status_code == 401
    assert post_intake(payload(), client=(client, new)).status_code == 201


def test_secret_is_not_stored_in_clear(intake_client):
    client, secret = intake_client("119")
    assert secret not in client.secret_encrypted


@pytest.mark.parametrize("body,field", [
    (b"{not json", "__all__"),
    (b"[1, 2]", "__all__"),
    (json.dumps({"external_id": "x", "received_at": "2026-11-28T09:00:00+08:00"}).encode(), "__all__"),
    (json.dumps(payload(received_at="2026-11-28T09:00:00")).encode(), "received_at"),
    (json.dumps(payload(lat=95, lon=114)).encode(), "lat"),
    (json.dumps(payload(external_id="")).encode(), "external_id"),
])
def test_invalid_body_is_422_with_fields_and_stores_nothing(post_intake, intake_client, body, field):
    client = intake_client("110")
    before = _counts()
    response = post_intake(body, client=client)
    assert response.status_code == 422, response.content
    answer = response.json()
    assert answer["error"] == "validation_error" and field in answer["fields"]
    assert _counts() == before


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml",
                                          "multipart/form-data; boundary=x", "", "application/json; charset=gbk"])
def test_a_body_not_sent_as_json_is_415_and_stores_nothing(post_intake, intake_client, content_type):
    client = intake_client("110")
    before = _counts()
    response = post_intake(payload(external_id="ct-1"), client=client, content_type=content_type)
    assert response.status_code == 415 and response.json()["error"] == "unsupported_media_type"
    assert _counts() == before
    assert post_intake(payload(external_id="ct-1"), client=client,
                       content_type="application/json; charset=utf-8").status_code == 201


def test_a_nul_character_is_422_before_the_shared_commit(post_intake, intake_client):
    """PostgreSQL cannot store NUL in text: refused up front, so it never fails a group commit."""
    client = intake_client("110")
    before = _counts()
    response = post_intake(payload(external_id="nul-1", description="火\u0000灾"), client=client)
    assert response.status_code == 422 and response.json()["error"] == "validation_error"
    assert _counts() == before


def test_the_json_api_refuses_other_content_types_and_nul(api_as):
    client = api_as("xinxike")
    body = {"title": "标题", "body": "正文", "source": "网络"}
    assert client.post("/api/news", "title=x", content_type="application/x-www-form-urlencoded").status_code == 415
    answer = client.post("/api/news", body | {"title": "标\u0000题"}, content_type="application/json")
    assert answer.status_code == 422 and answer.json()["error"] == "validation_error"


def test_oversize_body_is_413(post_intake, intake_client):
    client = intake_client("110")
    before = _counts()
    response = post_intake(payload(description="火" * 70_000), client=client)
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
    assert _counts() == before


def test_client_may_only_post_to_its_channel(post_intake, intake_client):
    client = intake_client("110")
    assert post_intake(payload(), channel="119", client=client).status_code == 403


def test_unknown_channel_is_404(post_intake, intake_client):
    assert post_intake(payload(), channel="nope", client=intake_client("110")).status_code == 404


def test_clients_command_prints_id_and_secret(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("clients", "add", "县120", "--channel", "120", stdout=out)
    created = json.loads(out.getvalue())
    assert created["client_id"].startswith("cdi_") and created["secret"]
    out = StringIO()
    call_command("clients", "rotate", created["client_id"], stdout=out)
    assert json.loads(out.getvalue())["secret"] != created["secret"]
    call_command("clients", "revoke", created["client_id"], stdout=StringIO())
    out = StringIO()
    call_command("clients", "list", stdout=out)
    listed = {c["client_id"]: c for c in json.loads(out.getvalue())}
    assert listed[created["client_id"]]["revoked"]


@pytest.mark.parametrize("when", ["9999-12-31T23:59:00+08:00", "0001-01-02T00:00:00+08:00", "2020-01-01T00:00:00+08:00"])
def test_times_far_from_now_are_422_and_stored_nowhere(post_intake, intake_client, when):
    client = intake_client("110")
    before = _counts()
    response = post_intake(payload(external_id=f"far-{when[:4]}", received_at=when), client=client)
    assert response.status_code == 422 and "received_at" in response.json()["fields"]
    response = post_intake(payload(external_id=f"far-o-{when[:4]}", occurred_at=when), client=client)
    assert response.status_code == 422 and "occurred_at" in response.json()["fields"]
    assert _counts() == before
