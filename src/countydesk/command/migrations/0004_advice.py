import django.core.validators
from django.db import migrations, models

from countydesk.base.rules import seed_rules

SPEEDS = [("comprehensive", 40), ("professional", 40), ("part_time", 30), ("volunteer", 25), ("mass_org", 25),
          ("village", 20), ("expert", 45), ("supply", 35)]


def seed_speeds(apps, schema_editor):
    model = apps.get_model("command", "TravelSpeed")
    for mode, speed in SPEEDS:
        model.objects.get_or_create(mode=mode, defaults={"speed_kmh": speed})


class Migration(migrations.Migration):
    """Decision-support rule tables (辅助决策) with their defaults."""

    dependencies = [("command", "0003_orders")]

    operations = [
        migrations.CreateModel(
            name="AdviceRule",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=40, unique=True, verbose_name="rule")),
                ("value", models.PositiveIntegerField(verbose_name="value")),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="note")),
            ],
            options={"verbose_name": "decision-support rule", "verbose_name_plural": "decision-support rules",
                     "ordering": ["key"], "abstract": False},
        ),
        migrations.CreateModel(
            name="TravelSpeed",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("mode", models.CharField(choices=[("comprehensive", "Comprehensive rescue team"),
                                                   ("professional", "Professional team"),
                                                   ("part_time", "Part-time team"), ("volunteer", "Volunteer team"),
                                                   ("mass_org", "Mass organisation"),
                                                   ("village", "Village organisation"), ("expert", "Expert"),
                                                   ("supply", "Supply transport")],
                                          max_length=20, unique=True, verbose_name="travel mode")),
                ("speed_kmh", models.PositiveSmallIntegerField(
                    validators=[django.core.validators.MinValueValidator(1)], verbose_name="speed (km/h)")),
            ],
            options={"verbose_name": "travel speed", "verbose_name_plural": "travel speeds", "ordering": ["mode"]},
        ),
        seed_rules("command", "AdviceRule", [
            ("radius_m", 3000, "辅助决策：列出事发地多少米内的防护目标和危险源"),
            ("detour_percent", 140, "辅助决策：道路距离约为直线距离的百分之多少（绕行系数）"),
            ("candidates", 5, "辅助决策：每项资源需求列出的候选数"),
        ]),
        migrations.RunPython(seed_speeds, migrations.RunPython.noop),
    ]
