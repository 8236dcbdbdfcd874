"""The demo county's plan system: the overall plan, special, joint, department, township, village and unit
plans, with deliberate flaws for the analysis to find (two townships without plans, a missing link, a late
and a missing filing, a lead-unit conflict, an orphan), and drills."""

from datetime import date, timedelta

from countydesk.accounts.system import SYSTEM
from countydesk.core.taxonomy import EVENT_TYPES
from countydesk.demo.registry import demo_builder
from countydesk.orgs.choices import UnitKind
from countydesk.orgs.models import Unit
from countydesk.registry.supplies.models import Item

from . import services
from .choices import DrillKind, EvaluationItem, PlanKind, PlanLevel, ResourceKind

# (title, event types, lead unit, supporting units, issued)
SPECIAL = [
    ("云溪县防汛抗旱应急预案", ["101"], "县应急管理局", ["县水利局", "县气象局", "县自然资源局", "县交通运输局", "县民政局"], date(2024, 4, 15)),
    ("云溪县森林火灾应急预案", ["105"], "县林业局", ["县应急管理局", "县气象局", "县公安局", "县消防救援大队"], date(2023, 2, 20)),
    ("云溪县地质灾害应急预案", ["104"], "县自然资源局", ["县应急管理局", "县气象局", "县交通运输局", "县住房和城乡建设局"], date(2022, 5, 10)),
    ("云溪县安全生产事故灾难应急预案", ["201"], "县应急管理局", ["县工业和信息化局", "县市场监督管理局", "县公安局", "县消防救援大队", "县人民医院"], date(2024, 9, 2)),
    ("云溪县危险化学品事故应急预案", ["201", "205"], "县应急管理局", ["县生态环境局", "县公安局", "县消防救援大队", "县交通运输局"], date(2022, 11, 8)),
    ("云溪县道路交通事故应急预案", ["202"], "县公安局", ["县交通运输局", "县卫生健康委员会", "县应急管理局"], date(2025, 3, 18)),
    ("云溪县突发公共卫生事件应急预案", ["301", "302"], "县卫生健康委员会", ["县疾病预防控制中心", "县人民医院", "县市场监督管理局", "县教育体育局"], date(2023, 6, 30)),
    ("云溪县食品安全事故应急预案", ["303"], "县市场监督管理局", ["县卫生健康委员会", "县疾病预防控制中心", "县农业农村局", "县公安局"], date(2024, 1, 12)),
    ("云溪县群体性事件应急预案", ["406"], "县公安局", ["县司法局", "县人力资源和社会保障局", "县民政局"], date(2023, 10, 9)),
    ("云溪县地震应急预案", ["103"], "县应急管理局", ["县自然资源局", "县住房和城乡建设局", "县卫生健康委员会", "县民政局"], date(2025, 7, 1)),
]
# (owner department, title, event types, the special plan it hangs under)
DEPARTMENT = [
    ("县水利局", "县水利局水利工程险情应急预案", ["101"], "云溪县防汛抗旱应急预案"),
    ("县林业局", "县林业局森林火灾扑救应急预案", ["105"], "云溪县森林火灾应急预案"),
    ("县自然资源局", "县自然资源局地质灾害应急处置预案", ["104"], "云溪县地质灾害应急预案"),
    ("县交通运输局", "县交通运输局公路交通突发事件应急预案", ["202"], "云溪县道路交通事故应急预案"),
    ("县卫生健康委员会", "县卫生健康委员会突发事件医疗卫生救援预案", ["301"], "云溪县突发公共卫生事件应急预案"),
    ("县生态环境局", "县生态环境局突发环境事件应急预案", ["205"], "云溪县危险化学品事故应急预案"),
    ("县市场监督管理局", "县市场监督管理局特种设备事故应急预案", ["201", "203"], "云溪县安全生产事故灾难应急预案"),
    ("县教育体育局", "县教育体育局学校突发公共卫生事件应急预案", ["301"], "云溪县突发公共卫生事件应急预案"),
]
TOWNSHIP_TYPES = ["101", "103", "104", "105", "201", "202", "205", "301", "302", "303", "406"]
WITHOUT_PLAN = {"西坪乡", "北山乡"}
TRIGGERS = {"I": "造成30人以上死亡或者1亿元以上直接经济损失", "II": "造成10人以上30人以下死亡或者5000万元以上1亿元以下直接经济损失",
            "III": "造成3人以上10人以下死亡或者1000万元以上5000万元以下直接经济损失", "IV": "造成3人以下死亡或者1000万元以下直接经济损失"}
TEAMS = ["综合应急救援队", "防汛抢险队", "森林消防专业队", "医疗救护队", "地质灾害应急抢险队"]
SUPPLIES = [("冲锋舟", "艘"), ("救生衣", "件"), ("帐篷", "顶"), ("编织袋", "条"), ("风力灭火机", "台"), ("应急照明灯", "台")]
# What the registry is searched for (the same table as migration plans/0006): team name → (kind, capability;
# None = the plan's first event type), supply name → GB/T 38565 item code. 应急照明灯 stays free text (未匹配),
# and so does a comprehensive team of a plan without event types (the overall plan).
TEAM_MATCH = {"综合应急救援队": ("comprehensive", None), "防汛抢险队": ("professional", "101"),
              "森林消防专业队": ("professional", "105"), "医疗救护队": ("professional", "301"),
              "地质灾害应急抢险队": ("professional", "104")}
SUPPLY_ITEMS = {"冲锋舟": "2010101", "救生衣": "2010103", "帐篷": "1020101", "编织袋": "3010101", "风力灭火机": "2020102"}


def _responses():
    return [{"level": level, "trigger": text} for level, text in TRIGGERS.items()]


def _resources(county, types=(), levels=("III", "IV")):
    rows = []
    for level in levels:
        team = county.rng.choice(TEAMS)
        kind, capability = TEAM_MATCH[team]
        rows.append({"level": level, "kind": ResourceKind.TEAM, "name": team, "quantity": county.rng.randint(1, 4),
                     "unit_of_measure": "支", "team_kind": kind if capability or types else "",
                     "capability": capability or (types[0] if types else "")})
        name, unit = county.rng.choice(SUPPLIES)
        rows.append({"level": level, "kind": ResourceKind.SUPPLY, "name": name,
                     "quantity": county.rng.randint(2, 60) * 10, "unit_of_measure": unit, "item": _item(name)})
    if types:  # the plan's experts (专家组) at level III, one specialty per covered type
        rows += [{"level": "III", "kind": ResourceKind.EXPERT, "name": f"{EVENT_TYPES[code].name}专家",
                  "quantity": 2, "unit_of_measure": "名", "capability": code} for code in sorted(types)[:2]]
    return rows


def _item(name: str):
    code = SUPPLY_ITEMS.get(name)
    return Item.objects.filter(code=code).first() if code else None


def _issue_and_file(county, plan, issued: date, delay: int | None):
    """Issue on `issued`; file `delay` calendar days later (None: not filed yet)."""
    plan = services.do_issue_plan(SYSTEM, plan, issued)
    if delay is not None and issued + timedelta(days=delay) <= county.today:
        services.do_record_filing(SYSTEM, plan, filed_on=issued + timedelta(days=delay))
    return plan


def _plan(county, **fields):
    types = list(fields.get("event_types") or [])
    return services.do_create_plan(SYSTEM, responses=_responses(), resources=_resources(county, types), **fields)


@demo_builder(order=400)
def build(county):
    county.progress.step("emergency plans")
    u = county.units
    root = Unit.objects.get(parent__isnull=True)
    master = _plan(county, title="云溪县突发事件总体应急预案", kind=PlanKind.OVERALL, level=PlanLevel.COUNTY, owner=root,
                   lead_unit=root, supporting_units=[u["县应急管理局"]], summary="全县应急预案体系的总纲。")
    _issue_and_file(county, master, date(2023, 8, 1), 14)
    specials = {}
    for i, (title, types, lead, supporting, issued) in enumerate(SPECIAL):
        plan = _plan(county, title=title, kind=PlanKind.SPECIAL, level=PlanLevel.COUNTY, owner=root, lead_unit=u[lead],
                     supporting_units=[u[s] for s in supporting], event_types=types, upper_plans=[master])
        specials[title] = _issue_and_file(county, plan, issued, None if i == 9 else county.rng.randint(5, 25))
    joint = _plan(county, title="云溪县危险化学品道路运输事故联合应急预案", kind=PlanKind.JOINT, level=PlanLevel.COUNTY,
                  owner=root, lead_unit=u["县交通运输局"], supporting_units=[u["县公安局"], u["县应急管理局"]],
                  event_types=["202"], upper_plans=[master])
    _issue_and_file(county, joint, date(2025, 9, 20), 12)
    for owner, title, types, upper in DEPARTMENT:
        plan = _plan(county, title=title, kind=PlanKind.DEPARTMENT, level=PlanLevel.COUNTY, owner=u[owner],
                     event_types=types, upper_plans=[specials[upper]])
        _issue_and_file(county, plan, date(2024, 3, 1) + timedelta(days=county.rng.randint(0, 500)), 10)
    towns = _township_plans(county, master, specials)
    _village_plans(county, towns)
    orphan = _plan(county, title="云溪化工有限公司生产安全事故应急预案", kind=PlanKind.UNIT, level=PlanLevel.UNIT,
                   owner=u["云溪化工有限公司"], lead_unit=u["云溪化工有限公司"], event_types=["201", "205"])
    _issue_and_file(county, orphan, date(2025, 5, 6), 9)
    _drills(county, list(specials.values()))


def _township_plans(county, master, specials) -> dict:
    towns = {}
    for i, town in enumerate(Unit.objects.filter(kind=UnitKind.TOWNSHIP).order_by("sort")):
        if town.name in WITHOUT_PLAN:
            continue
        types = [t for t in TOWNSHIP_TYPES if county.rng.random() > 0.08]
        linked = [p for p in specials.values() if set(p.type_codes) & set(types)]
        if town.name == "石门镇":  # covers geological hazards but never linked to that county plan
            linked = [p for p in linked if "104" not in p.type_codes]
            types = sorted(set(types) | {"104"})
        if town.name == "青山镇":  # its villages know forest fires, the township plan does not
            types = [t for t in types if t != "105"]
            linked = [p for p in linked if "105" not in p.type_codes]
        plan = _plan(county, title=f"{town.name}突发事件应急预案", kind=PlanKind.TOWNSHIP, level=PlanLevel.TOWNSHIP,
                     owner=town, lead_unit=town, event_types=types, upper_plans=[master, *linked])
        if town.name == "杨柳镇":
            continue  # still a draft
        delay = 40 if town.name == "白沙镇" else None if town.name == "河口镇" else county.rng.randint(3, 20)
        towns[town.name] = _issue_and_file(county, plan, date(2024, 6, 1) + timedelta(days=i * 41), delay)
    return towns


def _village_plans(county, towns):
    for name in ("城关镇", "青山镇"):
        town_plan = towns[name]
        for village in Unit.objects.filter(parent=town_plan.owner, kind=UnitKind.VILLAGE).order_by("sort")[:2]:
            plan = _plan(county, title=f"{village.name}突发事件应急预案", kind=PlanKind.VILLAGE, level=PlanLevel.VILLAGE,
                         owner=village, lead_unit=village, event_types=["101", "105"], upper_plans=[town_plan])
            _issue_and_file(county, plan, town_plan.issued_on + timedelta(days=30), 8)


FINDINGS = ["信息报送流程不够顺畅，部分单位响应迟缓。", "物资调运路线规划不足，装备老化。", "现场指挥部与各工作组通讯不畅。"]
ACTIONS = ["修订信息报送流程，明确时限", "更新老化应急装备", "开展通讯保障专项培训"]


def _drills(county, plans):
    for i, plan in enumerate(plans[:8]):
        held = county.today - timedelta(days=county.rng.randint(30, 700))
        if held < plan.issued_on:
            held = plan.issued_on + timedelta(days=60)
        participants = [plan.lead_unit, *plan.supporting_units.all()[:3]]
        finding = county.rng.randrange(len(FINDINGS))
        due = county.today - timedelta(days=10) if i == 0 else held + timedelta(days=county.rng.randint(60, 500))
        drill = services.do_create_drill(
            SYSTEM, plan, title=f"{plan.title.removeprefix('云溪县').removesuffix('应急预案')}应急演练",
            held_on=held, kind=DrillKind.FIELD if i % 2 else DrillKind.TABLETOP, findings=FINDINGS[finding],
            participants=participants, scores={item: county.rng.randint(68, 96) for item in EvaluationItem.values},
            actions=[{"description": ACTIONS[finding], "unit": plan.lead_unit, "due_on": due}])
        if i and due < county.today:  # the improvements that fell due have been made, all but one
            services.do_close_action(SYSTEM, drill.actions.get(), due - timedelta(days=county.rng.randint(1, 30)),
                                     "已按期整改到位")


# The plan system at the stated scale (issue 5 item 12): about 15 special plans, most departments and more
# villages with plans of their own, and still deliberate gaps (departments and villages without any plan,
# drafts never issued, filings missing). Built after every other builder, so the rows above keep their draws.
MORE_SPECIAL = [
    ("云溪县气象灾害应急预案", ["102"], "县气象局", ["县应急管理局", "县农业农村局", "县交通运输局", "县水利局"], date(2024, 5, 20)),
    ("云溪县突发环境事件应急预案", ["205"], "县生态环境局", ["县应急管理局", "县水利局", "县卫生健康委员会", "县公安局"], date(2023, 12, 5)),
    ("云溪县重污染天气应急预案", ["205"], "县生态环境局", ["县气象局", "县工业和信息化局", "县住房和城乡建设局", "县公安局"], date(2024, 10, 16)),
    ("云溪县动物疫情应急预案", ["304"], "县农业农村局", ["县市场监督管理局", "县卫生健康委员会", "县公安局", "县交通运输局"], date(2025, 2, 26)),
    ("云溪县林业有害生物灾害应急预案", ["106"], "县林业局", ["县农业农村局", "县自然资源局", "县市场监督管理局"], date(2023, 4, 11)),
]
MORE_DEPARTMENT = [
    ("县公安局", "县公安局处置群体性事件工作预案", ["406"], "云溪县群体性事件应急预案"),
    ("县民政局", "县民政局受灾群众基本生活救助预案", ["101"], "云溪县防汛抗旱应急预案"),
    ("县住房和城乡建设局", "县住房和城乡建设局建设工程安全事故应急预案", ["201"], "云溪县安全生产事故灾难应急预案"),
    ("县住房和城乡建设局", "县住房和城乡建设局城镇燃气事故应急预案", ["203"], "云溪县安全生产事故灾难应急预案"),
    ("县农业农村局", "县农业农村局农业自然灾害应急预案", ["102", "106"], "云溪县气象灾害应急预案"),
    ("县疾病预防控制中心", "县疾病预防控制中心传染病疫情处置技术方案", ["301"], "云溪县突发公共卫生事件应急预案"),
    ("县人民医院", "县人民医院突发事件医疗救治预案", ["301", "202"], "云溪县突发公共卫生事件应急预案"),
    ("县工业和信息化局", "县工业和信息化局工贸行业生产安全事故应急预案", ["201"], "云溪县安全生产事故灾难应急预案"),
    ("县商务局", "县商务局生活必需品市场供应应急预案", ["404"], None),
    ("县文化广电旅游局", "县文化广电旅游局旅游突发事件应急预案", ["202", "406"], "云溪县道路交通事故应急预案"),
    ("县城市管理局", "县城市管理局城市内涝应急预案", ["101"], "云溪县防汛抗旱应急预案"),
    ("县气象局", "县气象局重大气象灾害预警应急预案", ["102"], "云溪县气象灾害应急预案"),
    ("县消防救援大队", "县消防救援大队灭火救援应急预案", ["206"], "云溪县安全生产事故灾难应急预案"),
    ("县发展和改革局", "县发展和改革局粮食应急预案", ["404"], None),
]
MORE_UNIT = [("云溪煤业有限公司", "云溪煤业有限公司矿山事故应急预案", ["201"]),
             ("县供电公司", "县供电公司大面积停电事件处置预案", ["203"]),
             ("云溪水务集团", "云溪水务集团城市供水突发事件应急预案", ["203", "205"])]
VILLAGE_TYPES = [["101"], ["101", "104"], ["105"], ["101", "105"], ["104"], ["101", "103"]]


@demo_builder(order=940)
def build_scale(county):
    county.progress.step("emergency plans at scale: special, department, village and unit plans")
    from .models import Plan

    u, rng = county.units, county.rng
    root = Unit.objects.get(parent__isnull=True)
    master = Plan.objects.get(kind=PlanKind.OVERALL)
    specials = {p.title: p for p in Plan.objects.filter(kind=PlanKind.SPECIAL)}
    specials[None] = master  # plans with no special plan above them hang under the overall plan
    for i, (title, types, lead, supporting, issued) in enumerate(MORE_SPECIAL):
        plan = _plan(county, title=title, kind=PlanKind.SPECIAL, level=PlanLevel.COUNTY, owner=root, lead_unit=u[lead],
                     supporting_units=[u[s] for s in supporting], event_types=types, upper_plans=[master])
        if i == 3:
            specials[title] = plan  # 动物疫情: a draft still under consultation
            continue
        specials[title] = _issue_and_file(county, plan, issued, rng.randint(5, 25))
    for i, (owner, title, types, upper) in enumerate(MORE_DEPARTMENT):
        plan = _plan(county, title=title, kind=PlanKind.DEPARTMENT, level=PlanLevel.COUNTY, owner=u[owner],
                     event_types=types, upper_plans=[specials[upper]] if specials[upper].status != "draft" else [])
        if i % 7 == 6:
            continue  # still a draft
        delay = None if i % 5 == 4 else rng.randint(4, 45)  # some filed late (> 20 working days), some never
        _issue_and_file(county, plan, date(2023, 9, 1) + timedelta(days=rng.randint(0, 700)), delay)
    for owner, title, types in MORE_UNIT:
        plan = _plan(county, title=title, kind=PlanKind.UNIT, level=PlanLevel.UNIT, owner=u[owner], lead_unit=u[owner],
                     event_types=types,
                     upper_plans=[p for k, p in specials.items() if k and set(p.type_codes) & set(types)][:1])
        _issue_and_file(county, plan, date(2024, 8, 1) + timedelta(days=rng.randint(0, 400)), rng.randint(5, 20))
    towns = {p.owner_id: p for p in Plan.objects.filter(kind=PlanKind.TOWNSHIP, status__in=["issued", "filed"])}
    covered = set(Plan.objects.filter(kind=PlanKind.VILLAGE).values_list("owner_id", flat=True))
    for village in Unit.objects.filter(kind=UnitKind.VILLAGE, parent_id__in=towns).order_by("path"):
        if village.pk in covered or rng.random() < 0.4:
            continue  # about two villages in five still have no plan of their own
        town_plan = towns[village.parent_id]
        plan = _plan(county, title=f"{village.name}突发事件应急预案", kind=PlanKind.VILLAGE, level=PlanLevel.VILLAGE,
                     owner=village, lead_unit=village, event_types=rng.choice(VILLAGE_TYPES), upper_plans=[town_plan])
        _issue_and_file(county, plan, town_plan.issued_on + timedelta(days=rng.randint(20, 300)),
                        None if rng.random() < 0.2 else rng.randint(3, 30))
