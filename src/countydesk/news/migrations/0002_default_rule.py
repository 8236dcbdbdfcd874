from django.db import migrations


def add_rule(apps, schema_editor):
    apps.get_model("news", "MatchRule").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]
    operations = [migrations.RunPython(add_rule, migrations.RunPython.noop)]
