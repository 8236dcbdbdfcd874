import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from countydesk.accounts.system import SYSTEM
from countydesk.audit.models import AuditEvent, AuditHead
from countydesk.audit.services import record, verify
from countydesk.orgs.models import Unit

pytestmark = pytest.mark.django_db


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_demo_chain_verifies():
    result = verify()
    assert result.ok, result.reason
    assert result.checked == AuditEvent.objects.count() > 100


def test_record_links_to_previous_row():
    first = record(SYSTEM, "unit.create", object_type="thing", object_id="1", after={"a": 1})
    second = record(SYSTEM, "unit.update", object_type="thing", object_id="1", after={"a": 2})
    assert second.seq == first.seq + 1
    assert second.prev_hash == first.hash
    assert AuditHead.objects.get().hash == second.hash


def test_edited_row_is_named():
    victim = AuditEvent.objects.order_by("seq")[10]
    _raw("UPDATE audit_auditevent SET after = %s WHERE seq = %s", ['{"name": "forged"}', victim.seq])
    result = verify()
    assert not result.ok
    assert result.broken_seq == victim.seq
    assert "edited" in result.reason


def test_deleted_middle_row_is_named():
    victim = AuditEvent.objects.order_by("seq")[20]
    _raw("DELETE FROM audit_auditevent WHERE seq = %s", [victim.seq])
    result = verify()
    assert (result.ok, result.broken_seq) == (False, victim.seq)


def test_deleted_last_row_is_caught_by_the_chain_tip():
    last = AuditEvent.objects.order_by("-seq").first()
    _raw("DELETE FROM audit_auditevent WHERE seq = %s", [last.seq])
    result = verify()
    assert (result.ok, result.broken_seq) == (False, last.seq)


def test_rehashed_forgery_breaks_the_next_link():
    """Someone who edits a row and recomputes its hash still breaks the next row's link."""
    from countydesk.audit.services import _chained_fields, _digest

    victim = AuditEvent.objects.order_by("seq")[5]
    victim.after = {"name": "forged"}
    forged_hash = _digest(_chained_fields(victim))
    _raw("UPDATE audit_auditevent SET after = %s, hash = %s WHERE seq = %s",
         ['{"name": "forged"}', forged_hash, victim.seq])
    result = verify()
    assert (result.ok, result.broken_seq) == (False, victim.seq + 1)


def test_command_exits_nonzero_on_tampering(capsys):
    call_command("audit", "verify")
    victim = AuditEvent.objects.order_by("seq")[3]
    _raw("UPDATE audit_auditevent SET actor_name = 'mallory' WHERE seq = %s", [victim.seq])
    with pytest.raises(CommandError, match=f"row {victim.seq}"):
        call_command("audit", "verify")


def test_rows_cannot_be_changed_through_the_orm():
    event = AuditEvent.objects.first()
    event.action = "changed"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_service_change_and_audit_row_commit_together():
    from countydesk.orgs.services import do_update_unit

    unit = Unit.objects.get(name="城关镇")
    before = AuditEvent.objects.count()
    do_update_unit(SYSTEM, unit, duty_phone="0797-1234567")
    event = AuditEvent.objects.order_by("-seq").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.object_id) == ("unit.update", str(unit.pk))
    assert event.after == {"duty_phone": "0797-1234567"}
    assert "duty_phone" in event.before


def test_admin_offers_no_way_to_change_audit_rows(client_as):
    client = client_as("admin")
    event = AuditEvent.objects.first()
    assert client.get("/admin/audit/auditevent/").status_code == 200
    assert client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post("/admin/audit/auditevent/add/", {}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
