from django.db import migrations

from countydesk.core.records import seed_rules


class Migration(migrations.Migration):
    dependencies = [("hazards", "0001_initial")]

    operations = [seed_rules("hazards", "HazardRule", [
        ("rectification_days_major", 60, "重大隐患默认整改期限（天）"),
        ("rectification_days_general", 15, "一般隐患默认整改期限（天）"),
    ])]
