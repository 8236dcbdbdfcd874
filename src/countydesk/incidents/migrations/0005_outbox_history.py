"""The incident outbox moves into core's outbox: every report delivery and its attempts become an
OutboxMessage caused by the report (the old tables are removed by 0005)."""

from django.db import migrations

STATES = {"pending": "pending", "sent": "sent", "failed": "dead"}


def forwards(apps, schema_editor):
    try:
        Old = apps.get_model("incidents", "OutboxMessage")
    except LookupError:  # run against today's models (the tests' reseed): there is no old table to move
        return
    Message = apps.get_model("core", "OutboxMessage")
    Attempt = apps.get_model("core", "OutboxAttempt")
    ContentType = apps.get_model("contenttypes", "ContentType")
    report_type, _ = ContentType.objects.get_or_create(app_label="incidents", model="report")
    keys = set(Message.objects.values_list("key", flat=True))
    for old in Old.objects.select_related("report").order_by("pk"):
        key = f"report:{old.report_id}:{old.recipient}"
        key = f"{key}:{old.pk}" if key in keys else key
        keys.add(key)
        attempts = list(old.attempt_log.order_by("at", "pk"))
        failures = [a.error for a in attempts if not a.ok]
        state = STATES.get(old.status, "pending")
        state = "retrying" if state == "pending" and old.attempts else state
        error = failures[-1] if failures and state != "sent" else ""
        message = Message.objects.create(
            uuid=old.message_id, key=key, channel="email", recipient=old.recipient, subject=old.subject,
            body=old.body, state=state, attempts=old.attempts, last_error=error[:500],
            next_attempt_at=old.next_attempt_at, sent_at=old.delivered_at, source_type=report_type,
            source_id=old.report_id, source_label=old.subject)
        Message.objects.filter(pk=message.pk).update(created=old.report.sent_at or old.next_attempt_at)
        Attempt.objects.bulk_create(Attempt(message=message, at=a.at, ok=a.ok, error=a.error) for a in attempts)


class Migration(migrations.Migration):

    dependencies = [
        ("incidents", "0004_desk_and_channel_rules"),
        ("core", "0002_outbox"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
