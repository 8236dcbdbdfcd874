from django.db import migrations

from countydesk.core.records import seed_rules


class Migration(migrations.Migration):

    dependencies = [
        ('incidents', '0010_report_pending_dash'),
    ]

    operations = [
        seed_rules("incidents", "IncidentRule", [
            ("import_max_rows", 5000, "一个接报导入文件（CSV 或 Excel）最多行数"),
        ]),
    ]
