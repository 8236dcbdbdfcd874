from django.db import migrations

# DOMAIN.md §6 defaults: (code, name, category, level, points)
RULES = [
    ("county-yaoqing", "县《要情快报》采用", "adoption", "county", 5),
    ("county-zhengwu", "县《政务》采用", "adoption", "county", 10),
    ("county-supplement", "县增刊、参阅采用", "adoption", "county", 30),
    ("city", "市级刊物采用", "adoption", "city", 20),
    ("city-standalone", "市级单篇刊发", "adoption", "city", 50),
    ("city-special", "市级专报单篇", "adoption", "city", 80),
    ("province", "省级刊物采用", "adoption", "province", 20),
    ("state-council", "国务院办公厅采用", "adoption", "state_council", 30),
    ("central", "中央办公厅采用", "adoption", "central", 50),
    ("instruction-state-council", "国务院领导批示", "instruction", "state_council", 20),
    ("instruction-province", "省领导批示", "instruction", "province", 10),
    ("instruction-city", "市领导批示", "instruction", "city", 5),
    ("commission-adopted", "约稿采用加分", "adoption", "county", 5),
    ("commission-missed", "约稿未报或迟报", "penalty", "", -10),
    ("inaccurate", "信息失实", "penalty", "", -30),
]


def add_defaults(apps, schema_editor):
    for code, name, category, level, points in RULES:
        apps.get_model("info", "ScoreRule").objects.get_or_create(
            code=code, defaults={"name": name, "category": category, "level": level, "points": points})
    apps.get_model("info", "InfoRule").objects.get_or_create(key="adoption_highest_only", defaults={"value": 0})


class Migration(migrations.Migration):
    dependencies = [("info", "0003_adoption")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
