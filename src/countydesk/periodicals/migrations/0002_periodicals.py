from django.db import migrations

PERIODICALS = [("信息专报", 1), ("政务信息快报", 2), ("每日要情", 3)]


def add(apps, schema_editor):
    Periodical = apps.get_model("periodicals", "Periodical")
    for name, sort in PERIODICALS:
        Periodical.objects.get_or_create(name=name, defaults={"issuer": "县人民政府办公室", "sort": sort})


class Migration(migrations.Migration):
    dependencies = [("periodicals", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
