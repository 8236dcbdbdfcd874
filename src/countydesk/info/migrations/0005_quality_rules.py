from django.db import migrations, models

DEFAULTS = {"freshness_lag_months": 1, "condense_chars": 800, "duplicate_percent": 60}


def add(apps, schema_editor):
    InfoRule = apps.get_model("info", "InfoRule")
    for key, value in DEFAULTS.items():
        InfoRule.objects.get_or_create(key=key, defaults={"value": value})


class Migration(migrations.Migration):
    dependencies = [("info", "0004_score_defaults")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
