from django.db import migrations

from countydesk.core.records import seed_rules


class Migration(migrations.Migration):

    dependencies = [
        ("incidents", "0006_remove_old_outbox"),
    ]

    operations = [
        seed_rules("incidents", "IncidentRule", [
            ("intake_past_days", 365, "an intake's times may lie at most this many days before now"),
            ("intake_future_minutes", 60, "an intake's times may lie at most this many minutes after now (clock skew)"),
        ]),
    ]
