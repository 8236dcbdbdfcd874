"""Demo teams, members (some certificates expiring), volunteers, trainings and experts."""

from datetime import timedelta
from decimal import Decimal

from countydesk.accounts.system import SYSTEM
from countydesk.demo.data import TOWNSHIPS
from countydesk.demo.registry import demo_builder

from . import services
from .choices import Availability, Readiness, TeamKind, TrainingKind
from .kit import near

# name, kind, home unit, capabilities, headcount, equipment
TEAMS = [
    ("县消防救援大队", TeamKind.COMPREHENSIVE, "县消防救援大队", ["206", "201", "105", "104"], 60,
     [("水罐消防车", 4), ("抢险救援车", 2), ("破拆工具组", 6)]),
    ("云溪蓝天救援队", TeamKind.VOLUNTEER, "云溪蓝天救援队", ["101", "104", "202"], 35, [("冲锋舟", 3), ("救生衣", 60)]),
    ("县人民医院医疗救护队", TeamKind.PROFESSIONAL, "县人民医院", ["301", "302", "202"], 24, [("救护车", 5)]),
    ("县供电公司电力抢修队", TeamKind.PROFESSIONAL, "县供电公司", ["203", "102"], 18, [("发电车", 2), ("抢修车", 3)]),
    ("县水利局防汛抢险队", TeamKind.PROFESSIONAL, "县水利局", ["101"], 30, [("编织袋", 5000), ("抽水泵", 8)]),
    ("云溪煤业矿山救护队", TeamKind.PROFESSIONAL, "云溪煤业有限公司", ["201"], 20, [("正压氧气呼吸器", 20)]),
    ("县红十字会救护队", TeamKind.MASS_ORG, "县红十字会", ["301", "101"], 15, [("急救包", 40)]),
]
CERTIFICATES = ["应急救援员证", "红十字救护员证", "电工作业证", "矿山救护证", "水上救援证"]
SKILLS = ["急救", "绳索救援", "水上救援", "破拆", "驾驶", "无人机", "通信", "心理疏导", "电工", "搜救犬"]
TITLES = ["高级工程师", "工程师", "主任医师", "副教授", "研究员"]


@demo_builder(910)  # after the other apps, so their random draws stay as they were
def build_teams(county):
    county.progress.step("teams")
    units = county.units
    for name, kind, home, capabilities, headcount, equipment in TEAMS:
        _team(county, name, kind, units[home], capabilities, headcount, equipment)
    for township in TOWNSHIPS[:8]:
        _team(county, f"{township}民兵应急分队", TeamKind.PART_TIME, units[township], ["101", "105"],
              county.rng.randint(15, 40), [("风力灭火机", county.rng.randint(2, 8))])
    _volunteers(county)
    _experts(county)


def _team(county, name, kind, unit, capabilities, headcount, equipment):
    rng = county.rng
    lat, lon = near(county, unit, 0.01)
    team = services.do_create_team(
        SYSTEM, name=name, kind=kind, unit=unit, leader=county._name(), phone=county._phone(area=False),
        headcount=headcount, readiness=rng.choice([Readiness.READY] * 4 + [Readiness.PARTLY, Readiness.NOT_READY]),
        capabilities=capabilities, address=f"{unit.name}驻地", lat=lat, lon=lon)
    for item, quantity in equipment:
        services.do_add_equipment(SYSTEM, team=team, name=item, quantity=quantity)
    for _ in range(rng.randint(3, 5)):
        member = services.do_add_member(SYSTEM, team=team, name=county._name(), phone=county._phone(area=False),
                                        position=rng.choice(["队员", "班长", "副队长"]),
                                        skills="、".join(rng.sample(SKILLS, 2)))
        services.do_add_certificate(SYSTEM, member=member, name=rng.choice(CERTIFICATES),
                                    number=f"CD{rng.randint(100000, 999999)}",
                                    expires=county.today + timedelta(days=rng.randint(-20, 700)))
    for _ in range(2):
        services.do_record_training(
            SYSTEM, team=team, date=county.today - timedelta(days=rng.randint(5, 300)),
            kind=rng.choice(TrainingKind.values), subject=rng.choice(["防汛抢险演练", "森林灭火训练", "急救技能培训"]),
            participants=rng.randint(8, max(9, headcount)), hours=Decimal(rng.choice([2, 4, 8])))
    return team


def _volunteers(county):
    for _ in range(30):
        services.do_create_volunteer(
            SYSTEM, name=county._name(), phone=county._phone(area=False),
            skills="、".join(county.rng.sample(SKILLS, 2)), unit=county.units[county.rng.choice(TOWNSHIPS)],
            availability=county.rng.choice(Availability.values))


def _experts(county):
    units = ["县应急管理局", "县自然资源局", "县水利局", "县人民医院", "县气象局", "县生态环境局", "县消防救援大队"]
    specialties = [["101"], ["104"], ["102"], ["301", "302"], ["201", "205"], ["105"], ["206", "203"]]
    for i in range(20):
        services.do_create_expert(
            SYSTEM, name=county._name(), title=county.rng.choice(TITLES), unit=county.units[units[i % len(units)]],
            specialties=specialties[i % len(specialties)], phone=county._phone(area=False),
            availability=county.rng.choice([Availability.AVAILABLE, Availability.ON_CALL]))
