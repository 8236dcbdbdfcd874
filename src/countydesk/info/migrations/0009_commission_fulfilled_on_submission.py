"""Commissions were marked fulfilled when a draft was linked; from now on they are fulfilled when the linked piece
is first submitted to the information section (unit leader's sign-off), and a rejected piece does not fulfil one.

Correct the rows written the old way: a commission whose piece was never submitted is open again (the link stays),
one whose piece was rejected is open and unlinked, and the others take the time of the piece's first submission
(from the audit trail's first `submission.unit_signoff`, else the piece's `submitted_at`). A one-off data
correction: it writes no audit rows (the audit chain is written by the services only)."""

from datetime import datetime

from django.db import migrations


def _first_submission(apps, submission):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    events = AuditEvent.objects.filter(object_type="info.submission", object_id=str(submission.pk),
                                       action="submission.unit_signoff").order_by("seq")
    for event in events:
        value = (event.after or {}).get("submitted_at")
        if value:
            return datetime.fromisoformat(value)
    return submission.submitted_at


def fulfil_on_submission(apps, schema_editor):
    Commission = apps.get_model("info", "Commission")
    for commission in Commission.objects.filter(status="fulfilled", submission__isnull=False).select_related(
            "submission"):
        submission = commission.submission
        if submission.status == "rejected":
            commission.status, commission.submission, commission.fulfilled_at = "issued", None, None
        elif submission.submitted_at is None:
            commission.status, commission.fulfilled_at = "issued", None
        else:
            commission.fulfilled_at = _first_submission(apps, submission)
        commission.save(update_fields=["status", "submission", "fulfilled_at"])


class Migration(migrations.Migration):

    dependencies = [
        ("info", "0008_commission_counter"),
        ("audit", "0001_initial"),
    ]

    operations = [migrations.RunPython(fulfil_on_submission, migrations.RunPython.noop)]
