from django.db import migrations

from countydesk.core.records import seed_rules


class Migration(migrations.Migration):

    dependencies = [
        ('incidents', '0010_report_pending_dash'),
    ]

    operations = [
        seed_rules("incidents", "IncidentRule", [
            ("import_max_rows", 5000, "the most rows one intake file (CSV or Excel) may hold"),
        ]),
    ]
