from django.db import migrations

from countydesk.core.records import seed_rules


class Migration(migrations.Migration):
    dependencies = [("teams", "0001_initial")]

    operations = [seed_rules("teams", "TeamRule", [
        ("certificate_warning_days", 60, "证书到期前多少天列入到期提醒"),
    ])]
