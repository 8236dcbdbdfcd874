"""Key liaison units' rule documents and training with attendance (A13)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.audit.services import record, snapshot
from countydesk.base.errors import ValidationFailed
from countydesk.base.services import validated_save

from ..models import LiaisonRuleDocument, TrainingAttendance, TrainingSession
from .common import acting_unit, check_upload


@transaction.atomic
def do_upload_rule_document(actor, title: str, upload, adopted_on, unit=None) -> LiaisonRuleDocument:
    require(actor, "info.liaison_rules")
    unit = acting_unit(actor, unit)
    if not unit.key_liaison:
        raise ValidationFailed(_("Only key liaison units keep rule documents here."),
                               fields={"unit_id": [_("Not a key liaison unit.")]})
    check_upload(upload)
    document = LiaisonRuleDocument(unit=unit, title=title, adopted_on=adopted_on,
                                   uploaded_by=actor if actor.pk else None, uploaded_at=timezone.now())
    document.file.save(upload.name, upload, save=False)
    validated_save(document)
    record(actor, "liaison_rules.upload", document, after=snapshot(document, exclude=("file",)) | {
        "file": document.file.name}, unit=unit)
    return document


@transaction.atomic
def do_create_training(actor, title: str, start, end, place: str = "", note: str = "") -> TrainingSession:
    require(actor, "info.edit")
    if end < start:
        raise ValidationFailed(_("A training cannot end before it starts."),
                               fields={"end": [_("A training cannot end before it starts.")]})
    session = validated_save(TrainingSession(title=title, start=start, end=end, place=place, note=note,
                                             created_by=actor if actor.pk else None))
    record(actor, "training.create", session, after=snapshot(session))
    return session


@transaction.atomic
def do_record_attendance(actor, session, person, status: str) -> TrainingAttendance:
    """Record (or correct) whether a person attended a training (跟班培训签到)."""
    require(actor, "info.edit")
    row, created = TrainingAttendance.objects.get_or_create(
        session=session, person=person, defaults={"unit": person.unit, "status": status})
    before = None if created else {"status": row.status}
    row.status = status
    validated_save(row)
    record(actor, "training.attendance", row, before=before, after={"person": person.pk, "status": status},
           unit=person.unit)
    return row
