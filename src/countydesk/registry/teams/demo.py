"""Demo teams, members (some certificates expiring), volunteers, trainings and experts."""

from datetime import timedelta
from decimal import Decimal

from countydesk.accounts.system import SYSTEM
from countydesk.demo.data import TOWNSHIPS
from countydesk.demo.registry import demo_builder

from . import services
from .choices import Availability, Readiness, TeamKind, TrainingKind
from countydesk.demo.registry import near

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


# The county's forces at the stated scale (issue 5 item 12): about 80 teams and 60 experts. Built after every
# other builder, so the rows above keep their random draws.
MORE_TEAMS = [
    ("县公安局特警应急处置大队", TeamKind.PROFESSIONAL, "县公安局", ["406", "401", "402"], 40, [("防暴车", 2), ("防爆盾牌", 40)]),
    ("县交通运输局公路应急抢险队", TeamKind.PROFESSIONAL, "县交通运输局", ["202", "104", "102"], 32, [("装载机", 3), ("挖掘机", 2)]),
    ("县住建局建筑工程抢险队", TeamKind.PROFESSIONAL, "县住房和城乡建设局", ["201", "103"], 28, [("汽车起重机", 1), ("液压破拆工具组", 2)]),
    ("县疾控中心卫生应急处置队", TeamKind.PROFESSIONAL, "县疾病预防控制中心", ["301", "302", "303"], 18, [("背负式消毒机", 10)]),
    ("县卫生健康委员会突发中毒事件处置队", TeamKind.PROFESSIONAL, "县卫生健康委员会", ["303", "302"], 12, [("救护车", 2)]),
    ("县生态环境局环境应急监测队", TeamKind.PROFESSIONAL, "县生态环境局", ["205"], 10, [("水质快速检测仪", 4), ("多参数气体检测仪", 6)]),
    ("县自然资源局地质灾害应急调查队", TeamKind.PROFESSIONAL, "县自然资源局", ["104"], 14, [("测绘无人机", 2), ("边坡位移监测仪", 3)]),
    ("县气象局气象应急服务队", TeamKind.PROFESSIONAL, "县气象局", ["102"], 8, [("便携式自动气象站", 2)]),
    ("县城市管理局市政设施抢险队", TeamKind.PROFESSIONAL, "县城市管理局", ["101", "203"], 25, [("大流量排水抢险车", 1), ("潜水泵", 12)]),
    ("县林业局森林消防专业队", TeamKind.PROFESSIONAL, "县林业局", ["105"], 36, [("风力灭火机", 30), ("森林消防水泵", 6)]),
    ("县农业农村局动物疫病应急处置队", TeamKind.PROFESSIONAL, "县农业农村局", ["304", "106"], 16, [("背负式消毒机", 6)]),
    ("县市场监管局特种设备应急队", TeamKind.PROFESSIONAL, "县市场监督管理局", ["201", "203", "303"], 10, [("检测车", 1)]),
    ("县水利局水利工程抢险突击队", TeamKind.PROFESSIONAL, "县水利局", ["101"], 24, [("冲锋舟", 2), ("编织袋", 3000)]),
    ("县应急管理局危化品应急救援队", TeamKind.PROFESSIONAL, "县应急管理局", ["201", "205"], 20, [("堵漏工具组", 3), ("防化服", 20)]),
    ("云溪化工有限公司专职消防队", TeamKind.PROFESSIONAL, "云溪化工有限公司", ["201", "205", "206"], 22, [("泡沫消防车", 1)]),
    ("云溪水务集团供水抢修队", TeamKind.PROFESSIONAL, "云溪水务集团", ["203", "101"], 16, [("抢修车", 2), ("发电机", 2)]),
    ("县供电公司配网抢修二队", TeamKind.PROFESSIONAL, "县供电公司", ["203"], 15, [("应急电源车", 1)]),
    ("县人民医院传染病救治队", TeamKind.PROFESSIONAL, "县人民医院", ["301", "302"], 20, [("负压救护车", 1)]),
    ("县消防救援大队城关消防救援站", TeamKind.COMPREHENSIVE, "县消防救援大队", ["206", "201", "202"], 30, [("水罐消防车", 2)]),
    ("县消防救援大队青山专职消防队", TeamKind.COMPREHENSIVE, "县消防救援大队", ["206", "105"], 18, [("水罐消防车", 1)]),
    ("县红十字会水上救援队", TeamKind.MASS_ORG, "县红十字会", ["101", "202"], 20, [("冲锋舟", 2), ("救生衣", 40)]),
    ("县志愿者协会应急志愿服务队", TeamKind.VOLUNTEER, "县志愿者协会", ["101", "301", "406"], 60, [("急救包", 30)]),
    ("云溪蓝天救援队山地搜救分队", TeamKind.VOLUNTEER, "云溪蓝天救援队", ["104", "105"], 18, [("无人机", 2), ("救援绳索", 500)]),
    ("县志愿者协会心理援助志愿队", TeamKind.VOLUNTEER, "县志愿者协会", ["301", "406"], 15, []),
]
TOWNSHIP_TEAMS = [("综合应急救援队", TeamKind.COMPREHENSIVE, ["101", "104", "105"], [("冲锋舟", 1), ("发电机", 1)]),
                  ("森林扑火半专业队", TeamKind.PART_TIME, ["105"], [("风力灭火机", 10), ("二号工具", 20)]),
                  ("防汛抢险突击队", TeamKind.PART_TIME, ["101"], [("编织袋", 1000), ("救生衣", 20)])]
VILLAGE_TEAMS = ["应急分队", "巡山护林队", "群测群防小组", "防汛巡堤队"]
MORE_EXPERTS = [
    ("县应急管理局", ["201", "205"], "注册安全工程师"), ("县自然资源局", ["104"], "高级工程师"),
    ("县水利局", ["101"], "高级工程师"), ("县气象局", ["102"], "高级工程师"), ("县林业局", ["105"], "林业高级工程师"),
    ("县人民医院", ["301", "302", "202"], "主任医师"), ("县疾病预防控制中心", ["301", "302"], "主任医师"),
    ("县卫生健康委员会", ["303"], "副主任医师"), ("县住房和城乡建设局", ["103", "201"], "高级工程师"),
    ("县交通运输局", ["202"], "高级工程师"), ("县生态环境局", ["205"], "高级工程师"),
    ("县农业农村局", ["304", "106"], "高级兽医师"), ("县市场监督管理局", ["303", "201"], "高级工程师"),
    ("县供电公司", ["203"], "高级工程师"), ("县公安局", ["406", "401"], "一级警长"),
    ("县消防救援大队", ["206"], "高级专业技术职务"), ("县司法局", ["406"], "律师"),
]


@demo_builder(960)
def build_teams_scale(county):
    county.progress.step("teams and experts at scale")
    from countydesk.orgs.choices import UnitKind
    from countydesk.orgs.models import Unit

    from .models import Expert, Team

    rng, units = county.rng, county.units
    teams = []
    for name, kind, home, capabilities, headcount, equipment in MORE_TEAMS:
        teams.append((name, kind, units[home], capabilities, headcount, equipment))
    for i, township in enumerate(TOWNSHIPS):
        for j, (suffix, kind, capabilities, equipment) in enumerate(TOWNSHIP_TEAMS):
            if (i + j) % 3 != 2:  # not every township has every kind of team
                teams.append((f"{township}{suffix}", kind, units[township], capabilities, rng.randint(12, 40), equipment))
        if not Team.objects.filter(name=f"{township}民兵应急分队").exists():
            teams.append((f"{township}民兵应急分队", TeamKind.PART_TIME, units[township], ["101", "105"],
                          rng.randint(15, 40), [("风力灭火机", rng.randint(2, 8))]))
    villages = list(Unit.objects.filter(kind=UnitKind.VILLAGE).order_by("path"))
    for village in rng.sample(villages, len(villages)):
        if len(teams) + Team.objects.count() >= 80:
            break
        suffix = rng.choice(VILLAGE_TEAMS)
        teams.append((f"{village.name}{suffix}", TeamKind.VILLAGE, village, ["105"] if "护林" in suffix else ["101", "104"],
                      rng.randint(8, 20), [("对讲机", rng.randint(2, 6))]))
    for name, kind, unit, capabilities, headcount, equipment in teams[:max(0, 80 - Team.objects.count())]:
        _team(county, name, kind, unit, capabilities, headcount, equipment)
    for i in range(max(0, 60 - Expert.objects.count())):
        unit, specialties, title = MORE_EXPERTS[(i + rng.randrange(2)) % len(MORE_EXPERTS)]
        services.do_create_expert(
            SYSTEM, name=county._name(), title=title, unit=units[unit], specialties=specialties,
            phone=county._phone(area=False),
            availability=rng.choice([Availability.AVAILABLE] * 3 + [Availability.ON_CALL, Availability.UNAVAILABLE]))
