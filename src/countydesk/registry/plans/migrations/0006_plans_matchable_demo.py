"""Make the existing required resources matchable (issue 13.1): the demo's team names become a team kind and
capability, its supply names a GB/T 38565 catalogue item. Rows it does not know (应急照明灯, any text a user
typed) stay free text and are shown as unmatched."""

from django.db import migrations

# team name → (team kind, capability; None = the plan's first event type)
TEAM_MATCH = {"综合应急救援队": ("comprehensive", None), "防汛抢险队": ("professional", "101"),
              "森林消防专业队": ("professional", "105"), "医疗救护队": ("professional", "301"),
              "地质灾害应急抢险队": ("professional", "104")}
SUPPLY_ITEMS = {"冲锋舟": "2010101", "救生衣": "2010103", "帐篷": "1020101", "编织袋": "3010101", "风力灭火机": "2020102"}


def _match_team(row, first_type):
    kind, capability = TEAM_MATCH[row.name]
    capability = capability or first_type
    if capability:
        row.team_kind, row.capability = kind, capability
        return True
    return False


def map_requirements(apps, schema_editor=None) -> int:
    """Fill team kind/capability and catalogue item of unmatched rows named in the tables; the rows changed."""
    Requirement = apps.get_model("plans", "ResourceRequirement")
    PlanEventType = apps.get_model("plans", "PlanEventType")
    Item = apps.get_model("supplies", "Item")
    items = {i.code: i for i in Item.objects.filter(code__in=SUPPLY_ITEMS.values())}
    first_types = {}
    for plan_id, code in PlanEventType.objects.order_by("plan_id", "code").values_list("plan_id", "code"):
        first_types.setdefault(plan_id, code)
    changed = []
    for row in Requirement.objects.filter(capability="", item__isnull=True):
        if row.kind == "team" and row.name in TEAM_MATCH and _match_team(row, first_types.get(row.plan_id)):
            changed.append(row)
        elif row.kind == "supply" and items.get(SUPPLY_ITEMS.get(row.name)):
            row.item = items[SUPPLY_ITEMS[row.name]]
            changed.append(row)
    Requirement.objects.bulk_update(changed, ["team_kind", "capability", "item"], batch_size=500)
    return len(changed)


class Migration(migrations.Migration):
    dependencies = [("plans", "0005_matchable_requirements"), ("supplies", "0005_chinese_names_lang")]
    operations = [migrations.RunPython(map_requirements, migrations.RunPython.noop)]
