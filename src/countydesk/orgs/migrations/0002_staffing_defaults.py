from django.db import migrations

# MISSION A12: townships ≥ 1 full-time and ≥ 1 part-time officer; county departments ≥ 1 of either.
DEFAULTS = [("township", "full", 1), ("township", "part", 1), ("department", "any", 1)]


def add_defaults(apps, schema_editor):
    StaffingRule = apps.get_model("orgs", "StaffingRule")
    for unit_kind, group, minimum in DEFAULTS:
        StaffingRule.objects.get_or_create(unit_kind=unit_kind, group=group, defaults={"minimum": minimum})


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
