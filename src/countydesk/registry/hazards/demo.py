"""Demo hazard sources (reservoirs, landslide points, the chemical plant, the coal mine) with hidden dangers."""

from datetime import timedelta

from countydesk.accounts.system import SYSTEM
from countydesk.demo.data import TOWNSHIPS
from countydesk.demo.registry import demo_builder
from countydesk.demo.registry import near

from . import services
from .choices import HazardKind, Level
from .flows import DANGER_FLOW

DANGERS = ["坝体渗漏", "排洪设施堵塞", "监测设备故障", "警示标志缺失", "应急通道占用", "裂缝扩大", "消防设施过期",
           "巡查记录不全"]


def _hazards(county):
    towns = TOWNSHIPS
    yield "云溪化工有限公司储罐区", HazardKind.CHEMICAL, Level.MAJOR, "云溪化工有限公司"
    yield "云溪煤业有限公司一号井", HazardKind.MINE, Level.MAJOR, "云溪煤业有限公司"
    yield "云溪煤业有限公司尾矿库", HazardKind.MINE, Level.MAJOR, "云溪煤业有限公司"
    for town in towns[:6]:
        yield f"{town[:2]}水库", HazardKind.RESERVOIR, county.rng.choice(Level.values), town
    for i, town in enumerate(towns * 2):
        if i >= 14:
            break
        yield f"{town}{'东西南北'[i % 4]}山滑坡隐患点", HazardKind.LANDSLIDE, county.rng.choice(Level.values), town
    yield "城关镇商贸城", HazardKind.CROWD, Level.GENERAL, "城关镇"
    yield "东岭林区", HazardKind.FOREST, Level.MAJOR, "东岭乡"


@demo_builder(920)
def build_hazards(county):
    county.progress.step("hazards")
    rng = county.rng
    for name, kind, level, unit_name in _hazards(county):
        unit = county.units[unit_name]
        lat, lon = near(county, unit, 0.03)
        hazard = services.do_create_hazard(SYSTEM, name=name, kind=kind, level=level, unit=unit, lat=lat, lon=lon,
                                           address=f"{unit.name}境内", monitoring="每日巡查，汛期加密监测")
        found = county.today - timedelta(days=rng.randint(5, 120))
        services.do_record_inspection(SYSTEM, hazard=hazard, date=found, inspector=f"{county._name()}、{county._name()}",
                                      findings="发现隐患，已下达整改通知")
        for _ in range(rng.randint(0, 2)):
            danger = services.do_report_danger(SYSTEM, hazard=hazard, description=rng.choice(DANGERS), level=level,
                                               found_on=found, measures="限期整改")
            for _step in range(rng.choice([0, 0, 1, 2, 3])):
                danger = services.do_move_danger(SYSTEM, danger, max(DANGER_FLOW.next_states(danger.status)))  # forward


# Hazard sources at the stated scale (issue 5 item 12): about 300 in all, most of them the geological hazard
# points, small reservoirs and flood-prone spots of a hilly county. Built after every other builder.
SCALE = 300
VILLAGE_HAZARDS = [  # (name pattern, kind, weight)
    ("{v}{d}侧山体滑坡隐患点", HazardKind.LANDSLIDE, 30), ("{v}{n}组崩塌隐患点", HazardKind.LANDSLIDE, 12),
    ("{v}{d}沟泥石流隐患点", HazardKind.LANDSLIDE, 8), ("{v}地面塌陷隐患点", HazardKind.LANDSLIDE, 4),
    ("{v}{s}山塘", HazardKind.RESERVOIR, 14), ("{v}{s}水库", HazardKind.RESERVOIR, 6),
    ("{v}沿河低洼易涝点", HazardKind.FLOOD, 10), ("{v}山洪沟", HazardKind.FLOOD, 8),
    ("{v}{d}山林区", HazardKind.FOREST, 10), ("{v}加油站", HazardKind.CHEMICAL, 3),
    ("{v}采石场", HazardKind.MINE, 3), ("{v}危旧桥梁", HazardKind.OTHER, 3), ("{v}集贸市场", HazardKind.CROWD, 2),
]
TOWN_HAZARDS = [("{t}液化气储配站", HazardKind.CHEMICAL), ("{t}烟花爆竹批发仓库", HazardKind.CHEMICAL),
                ("{t}汽车客运站", HazardKind.CROWD), ("{t}中心学校", HazardKind.CROWD), ("{t}老旧房屋集中区", HazardKind.OTHER)]
STEMS = "上下前后大小新老"
MONITORING = ["每日巡查，汛期加密监测", "群测群防员每周巡查，雨后加密", "安装自动监测设备，数据实时上传",
              "企业自查每日一次，县级部门每月抽查", "护林员每日巡山，高火险期加密"]


@demo_builder(970)
def build_hazards_scale(county):
    county.progress.step("hazards at scale")
    from countydesk.orgs.choices import UnitKind
    from countydesk.orgs.models import Unit

    from .models import Hazard

    rng = county.rng
    rows, names = [], set(Hazard.objects.values_list("name", flat=True))
    for town in TOWNSHIPS:
        for pattern, kind in rng.sample(TOWN_HAZARDS, 3):
            rows.append((pattern.format(t=town), kind, county.units[town]))
    villages = list(Unit.objects.filter(kind=UnitKind.VILLAGE).order_by("path"))
    patterns = [p for p, _k, w in VILLAGE_HAZARDS for _ in range(w)]
    kinds = {p: k for p, k, _w in VILLAGE_HAZARDS}
    while len(rows) + len(names) < SCALE * 2:  # a generous pool; duplicates fall away below
        village, pattern = rng.choice(villages), rng.choice(patterns)
        rows.append((pattern.format(v=village.name, d=rng.choice("东南西北"), n=rng.randint(1, 9), s=rng.choice(STEMS)),
                     kinds[pattern], village))
    wanted = SCALE - Hazard.objects.count()
    for name, kind, unit in rows:
        if wanted <= 0:
            break
        if name in names:
            continue
        names.add(name)
        wanted -= 1
        level = Level.MAJOR if kind in (HazardKind.CHEMICAL, HazardKind.MINE) or rng.random() < 0.15 else Level.GENERAL
        lat, lon = near(county, unit, 0.015)
        hazard = services.do_create_hazard(SYSTEM, name=name, kind=kind, level=level, unit=unit, lat=lat, lon=lon,
                                           address=f"{unit.parent.name if unit.kind == UnitKind.VILLAGE else ''}{unit.name}境内",
                                           monitoring=rng.choice(MONITORING))
        if rng.random() < 0.5:
            found = county.today - timedelta(days=rng.randint(5, 200))
            services.do_record_inspection(SYSTEM, hazard=hazard, date=found, inspector=f"{county._name()}、{county._name()}",
                                          findings=rng.choice(["未发现异常", "发现隐患，已下达整改通知", "监测设施运行正常"]))
            if rng.random() < 0.3:
                danger = services.do_report_danger(SYSTEM, hazard=hazard, description=rng.choice(DANGERS), level=level,
                                                   found_on=found, measures="限期整改")
                for _step in range(rng.choice([0, 1, 2, 3])):
                    danger = services.do_move_danger(SYSTEM, danger, max(DANGER_FLOW.next_states(danger.status)))
