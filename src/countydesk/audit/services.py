"""Writing and verifying the audit trail. Every other app's services call `record`."""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone

from . import chain
from .actions import check
from .context import client_ip
from .models import AuditEvent, AuditHead

GENESIS = "0" * 64


def _jsonable(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model, exclude: tuple[str, ...] = ("password",)) -> dict:
    """The concrete field values of `obj` as JSON-safe data (foreign keys as ids)."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        data[field.attname] = _jsonable(getattr(obj, field.attname))
    return data


def _chained_fields(event: AuditEvent) -> dict:
    """What the hash covers. `object_label` came later: rows without one hash as they always did."""
    fields = {
        "seq": event.seq,
        "at": event.at.astimezone(UTC).isoformat(),
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "unit": event.unit_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "before": event.before,
        "after": event.after,
        "ip": event.ip,
        "prev_hash": event.prev_hash,
    }
    if event.object_label:
        fields["object_label"] = event.object_label
    return fields


def _label_of(obj) -> str:
    """str(obj), or "" when the model has no __str__ of its own (then the id says which object)."""
    if type(obj).__str__ is models.Model.__str__:
        return ""
    try:
        return str(obj)[:200]
    except Exception:  # noqa: BLE001 — a __str__ that needs a missing relation must not stop the change
        return ""


def record(actor, action: str, obj=None, *, before=None, after=None, object_type="", object_id="", unit=None):
    """Append one audit row for a change made by `actor` (accounts.system.SYSTEM for the platform itself).

    Must run inside the caller's transaction so the change and its audit row commit together.
    `action` must be a code of audit/actions.py (UnknownAction otherwise); the object's str() is kept.
    """
    check(action)
    object_label = ""
    if obj is not None:
        object_label = _label_of(obj)
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    if unit is None and actor is not None:
        unit = getattr(actor, "unit", None)
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            seq=head.seq + 1,
            at=timezone.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_name=getattr(actor, "username", "") or "system",
            unit=unit,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            object_label=object_label,
            before=json.loads(json.dumps(before, default=_jsonable)) if before is not None else None,
            after=json.loads(json.dumps(after, default=_jsonable)) if after is not None else None,
            ip=client_ip.get(),
            prev_hash=head.hash,
            scheme=chain.KEYED,
        )
        event.hash = chain.digest(_chained_fields(event), event.scheme)
        event.save()
        AuditHead.objects.filter(pk=1).update(seq=event.seq, hash=event.hash)
        chain.anchor_after_commit(event)
    return event


def changed_fields(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the fields that differ, so an update's audit row says what changed."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""
    anchors: int = 0  # anchors outside the database the chain was checked against


def verify(anchor: bool = True) -> VerifyResult:
    """Walk the chain from the first row; name the first row that was edited, removed or re-ordered, checking
    each row's keyed hash and the anchors outside the database. A chain found whole is anchored at its tip."""
    first = AuditEvent.objects.filter(seq=1).values("hash", "scheme").first()
    every = chain.read_anchors()
    forged = next((a for a in every if not a.genuine), None)
    if forged:
        return VerifyResult(False, 0, None, f"line {forged.line} of the anchor log was not written with the audit key")
    anchors = [a for a in every if first and a.chain == first["hash"]]
    if every and not anchors and (first is None or first["scheme"] < chain.KEYED):
        return VerifyResult(False, 0, 1, "the chain was rewritten from its first row: the anchor log outside "
                                         "the database knows only other chains")
    anchored: dict[int, set[str]] = {}
    for a in anchors:
        anchored.setdefault(a.seq, set()).add(a.hash)
    result = _walk(anchored)
    if result.ok and anchored and max(anchored) > result.checked:
        result = VerifyResult(False, result.checked, result.checked + 1,
                              f"rows {result.checked + 1}..{max(anchored)} are anchored outside the database "
                              f"but missing from it")
    result.anchors = len(anchors)
    if result.ok and anchor and result.checked:
        tip = AuditEvent.objects.get(seq=result.checked).hash
        transaction.on_commit(lambda: chain.anchor_tip(result.checked, tip), robust=True)  # never a rolled-back row
    return result


def _walk(anchored: dict[int, set[str]]) -> VerifyResult:
    expected_seq, prev_hash, scheme, checked = 1, GENESIS, chain.PLAIN, 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        if event.seq != expected_seq:
            return VerifyResult(False, checked, expected_seq, f"row {expected_seq} is missing")
        if event.prev_hash != prev_hash:
            return VerifyResult(False, checked, event.seq, f"row {event.seq} does not link to row {event.seq - 1}")
        if event.scheme not in chain.SCHEMES or event.scheme < scheme:
            return VerifyResult(False, checked, event.seq, f"row {event.seq} was rewritten with a weaker hash")
        if chain.digest(_chained_fields(event), event.scheme) != event.hash:
            return VerifyResult(False, checked, event.seq, f"row {event.seq} was edited")
        if event.seq in anchored and anchored[event.seq] != {event.hash}:
            return VerifyResult(False, checked, event.seq,
                                f"row {event.seq} differs from its anchor outside the database")
        expected_seq, prev_hash, scheme, checked = event.seq + 1, event.hash, event.scheme, checked + 1
    head = AuditHead.objects.filter(pk=1).first()
    head_seq = head.seq if head else 0
    if head_seq != checked:
        return VerifyResult(False, checked, checked + 1, f"rows {checked + 1}..{head_seq} are missing")
    if head and checked and head.hash != prev_hash:
        return VerifyResult(False, checked, checked, f"row {checked} differs from the recorded chain tip")
    return VerifyResult(True, checked)
