"""Default plan rules from 《突发事件应急预案管理办法》(国办发〔2024〕5号): filing within 20 working days,
evaluation of government and department plans every 3 years, drills of special and department plans at
least every 3 years."""

from django.db import migrations

# kind: (file with, evaluate every N years, drill every N years)
DEFAULTS = {
    "overall": ("上一级人民政府（经其应急管理部门）", 3, None),
    "special": ("上一级相应牵头部门（抄送上一级应急管理部门）", 3, 3),
    "department": ("本级人民政府（经本级应急管理部门）", 3, 3),
    "joint": ("本级人民政府（经本级应急管理部门）", 3, 3),
    "township": ("县人民政府（经县应急管理局）", 3, None),
    "village": ("乡镇人民政府（街道办事处）", None, None),
    "unit": ("所在地乡镇人民政府或行业主管部门", None, None),
    "event": ("本级人民政府（经本级应急管理部门）", None, None),
}


def add_rules(apps, schema_editor):
    PlanRule = apps.get_model("plans", "PlanRule")
    for kind, (recipient, evaluation, drill) in DEFAULTS.items():
        PlanRule.objects.get_or_create(kind=kind, defaults={
            "filing_working_days": 20, "filing_recipient": recipient, "evaluation_years": evaluation,
            "drill_years": drill})


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
