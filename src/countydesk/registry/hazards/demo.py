"""Demo hazard sources (reservoirs, landslide points, the chemical plant, the coal mine) with hidden dangers."""

from datetime import timedelta

from countydesk.accounts.system import SYSTEM
from countydesk.demo.data import TOWNSHIPS
from countydesk.demo.registry import demo_builder
from countydesk.registry.teams.kit import near

from . import services
from .choices import HazardKind, Level
from .models import TRANSITIONS

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
                danger = services.do_move_danger(SYSTEM, danger, max(TRANSITIONS[danger.status]))  # forward
