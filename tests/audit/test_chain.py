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
    """Someone who edits a row and recomputes its hash with the key still breaks the next row's link."""
    from countydesk.audit.chain import digest
    from countydesk.audit.services import _chained_fields

    victim = AuditEvent.objects.order_by("seq")[5]
    victim.after = {"name": "forged"}
    forged_hash = digest(_chained_fields(victim), victim.scheme)
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


# --- a keyed chain and anchors outside the database (issue 12 item 11) ---

@pytest.fixture
def anchor_log(settings, tmp_path):
    settings.AUDIT_ANCHOR_FILE = tmp_path / "audit-anchors.log"
    return settings.AUDIT_ANCHOR_FILE


def _rewrite_from(seq, scheme, edit):
    """The attack: rewrite row `seq` (`edit(event)`), recompute its hash and every later one with plain
    SHA-256 (all that is possible without the key), and move the tip."""
    from countydesk.audit.chain import digest
    from countydesk.audit.services import _chained_fields

    prev = AuditEvent.objects.get(seq=seq - 1).hash if seq > 1 else "0" * 64
    for event in AuditEvent.objects.filter(seq__gte=seq).order_by("seq"):
        if event.seq == seq:
            edit(event)
        event.prev_hash, event.scheme = prev, scheme
        event.hash = digest(_chained_fields(event), 1)
        _raw("UPDATE audit_auditevent SET actor_name = %s, prev_hash = %s, hash = %s, scheme = %s WHERE seq = %s",
             [event.actor_name, event.prev_hash, event.hash, scheme, event.seq])
        prev = event.hash
    _raw("UPDATE audit_audithead SET hash = %s", [prev])


def test_new_rows_are_keyed_with_a_key_outside_the_database(settings, anchor_log):
    from countydesk.audit.chain import KEYED

    event = record(SYSTEM, "unit.update", object_type="thing", object_id="1", after={"a": 1})
    assert event.scheme == KEYED
    assert verify().ok
    settings.AUDIT_CHAIN_KEY = "another key"
    result = verify()
    assert not result.ok and result.broken_seq == AuditEvent.objects.filter(scheme=KEYED).order_by("seq")[0].seq


@pytest.mark.parametrize("scheme", [2, 1])
def test_rewriting_a_row_and_recomputing_every_later_hash_is_detected(anchor_log, scheme):
    """Plain SHA-256 recomputed from row N to the tip, the tip moved: the keyed hash (scheme kept) or the
    rule that the hash never weakens along the chain (scheme lowered) names row N."""
    victim = AuditEvent.objects.order_by("seq")[20].seq
    _rewrite_from(victim, scheme, lambda event: setattr(event, "actor_name", "mallory"))
    result = verify()
    assert (result.ok, result.broken_seq) == (False, victim)
    assert ("edited" if scheme == 2 else "weaker") in result.reason


def test_rewriting_the_whole_chain_as_plain_is_caught_by_the_anchor(anchor_log):
    """Rewritten from the first row on (no keyed row left to break a link), the chain is one the anchor
    log outside the database has never seen."""
    from countydesk.audit.chain import append_anchor

    tip = AuditEvent.objects.order_by("-seq").first()
    append_anchor(AuditEvent.objects.get(seq=1).hash, tip.seq, tip.hash)
    _rewrite_from(1, 1, lambda event: setattr(event, "actor_name", "mallory"))
    assert not AuditEvent.objects.filter(scheme=2).exists()
    result = verify()
    assert (result.ok, result.broken_seq) == (False, 1) and "anchor log" in result.reason


def test_deleting_every_row_is_caught_by_the_anchor(anchor_log):
    from countydesk.audit.chain import append_anchor

    tip = AuditEvent.objects.order_by("-seq").first()
    append_anchor(AuditEvent.objects.get(seq=1).hash, tip.seq, tip.hash)
    _raw("DELETE FROM audit_auditevent")
    _raw("UPDATE audit_audithead SET seq = 0, hash = %s", ["0" * 64])
    assert not verify().ok


def test_deleting_the_last_rows_and_moving_the_tip_back_is_caught_by_the_anchor(anchor_log,
                                                                                django_capture_on_commit_callbacks):
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):  # a commit after each
            record(SYSTEM, "unit.update", object_type="thing", object_id="1", after={"n": n})
    assert len(anchor_log.read_text().splitlines()) == 3
    last = AuditEvent.objects.order_by("-seq").first()
    keep = AuditEvent.objects.get(seq=last.seq - 3)
    _raw("DELETE FROM audit_auditevent WHERE seq > %s", [keep.seq])
    _raw("UPDATE audit_audithead SET seq = %s, hash = %s", [keep.seq, keep.hash])
    result = verify()
    assert not result.ok
    assert result.reason == f"rows {keep.seq + 1}..{last.seq} are anchored outside the database but missing from it"


def test_one_anchor_per_transaction_and_on_verify(anchor_log, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            for n in range(5):
                record(SYSTEM, "unit.update", object_type="thing", object_id="1", after={"n": n})
    assert len(anchor_log.read_text().splitlines()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert verify().ok
    assert len(anchor_log.read_text().splitlines()) == 2


def test_a_forged_anchor_line_is_refused(anchor_log):
    import json

    chain_id = AuditEvent.objects.get(seq=1).hash
    anchor_log.write_text(json.dumps({"chain": chain_id, "seq": 1, "hash": chain_id, "mac": "0" * 64}) + "\n")
    result = verify()
    assert not result.ok and "anchor log" in result.reason


def test_an_anchor_of_another_database_is_ignored(anchor_log):
    from countydesk.audit.chain import append_anchor

    append_anchor("f" * 64, 10**9, "e" * 64)
    assert verify().ok


def test_rows_from_before_the_keyed_chain_verify_and_are_protected_by_it(anchor_log):
    """Rows written with plain SHA-256 (before the migration) followed by keyed rows: whole, it verifies;
    rewriting an old row and recomputing the plain hashes up to the keyed rows breaks the first keyed link."""
    last = AuditEvent.objects.order_by("-seq").first().seq
    _rewrite_from(1, 1, lambda event: None)  # as the rows were before: plain SHA-256, scheme 1
    record(SYSTEM, "unit.update", object_type="thing", object_id="1", after={"a": 1})
    assert verify().ok
    victim = 30
    from countydesk.audit.chain import digest
    from countydesk.audit.services import _chained_fields

    prev = AuditEvent.objects.get(seq=victim - 1).hash
    for event in AuditEvent.objects.filter(seq__gte=victim, seq__lte=last).order_by("seq"):
        if event.seq == victim:
            event.actor_name = "mallory"
        event.prev_hash = prev
        event.hash = digest(_chained_fields(event), 1)
        _raw("UPDATE audit_auditevent SET actor_name = %s, prev_hash = %s, hash = %s WHERE seq = %s",
             [event.actor_name, event.prev_hash, event.hash, event.seq])
        prev = event.hash
    result = verify()
    assert (result.ok, result.broken_seq) == (False, last + 1)
