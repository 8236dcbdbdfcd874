"""Demo dispatch orders (调度令): the mine roof fall in 青山镇 minutes old, its teams being ordered out (the fire
brigade's order still waiting for 队长 duizhang to acknowledge it), and the 东岭乡 forest fire two hours in, with
orders on scene, completed, declined and cancelled. Times are minutes before the build (`county.now`)."""

from datetime import timedelta

from countydesk.accounts.system import SYSTEM
from countydesk.demo.registry import demo_builder
from countydesk.incidents.models import Incident
from countydesk.registry.teams.choices import Readiness
from countydesk.registry.teams.models import Team
from countydesk.registry.teams.services import do_update_team

from ..services import orders as services

# incident (the first words of its call), team, task, [(step, minutes before the build, reason)]
ORDERS = [
    ("云溪煤业井下", "云溪煤业矿山救护队", "井下搜救被困人员，监测有害气体",
     [("issue", 10), ("acknowledge", 9), ("depart", 8), ("arrive", 3)]),
    ("云溪煤业井下", "县人民医院医疗救护队", "在井口设立医疗救护点，救治伤员",
     [("issue", 9), ("acknowledge", 8), ("depart", 6)]),
    ("云溪煤业井下", "县消防救援大队", "携带破拆和照明器材赶赴井口，配合矿山救护队救援",
     [("issue", 4)]),
    ("东岭乡后山", "云溪蓝天救援队", "沿山脊开设隔离带，疏散山脚村民",
     [("issue", 130), ("acknowledge", 128), ("depart", 125), ("arrive", 95)]),
    ("东岭乡后山", "县供电公司电力抢修队", "巡查火场附近输电线路，必要时断电",
     [("issue", 120), ("decline", 117, "抢修车辆正在河口镇执行内涝抢修任务")]),
    ("东岭乡后山", "石门镇民兵应急分队", "扑打火线西侧明火",
     [("issue", 110), ("acknowledge", 108), ("depart", 105), ("arrive", 70), ("complete", 20)]),
    ("东岭乡后山", "县红十字会救护队", "在村委会设立医疗保障点",
     [("issue", 100), ("cancel", 90, "现场无人员受伤，医疗保障改由乡卫生院承担")]),
]
SERVICES = {"acknowledge": services.do_acknowledge_order, "depart": services.do_depart_order,
            "arrive": services.do_arrive_order, "complete": services.do_complete_order,
            "decline": services.do_decline_order, "cancel": services.do_cancel_order}


@demo_builder(940)  # after the incidents (60) and the teams (910)
def build_orders(county):
    county.progress.step("dispatch orders")
    office = county.users["yingjiban"]
    for words, team_name, task, steps in ORDERS:
        incident = Incident.objects.filter(intakes__description__startswith=words).distinct().first()
        team = Team.objects.get(name=team_name)
        if team.readiness != Readiness.READY:  # the teams ordered out this morning had reported ready
            team = do_update_team(SYSTEM, team, readiness=Readiness.READY)
        order = None
        for step, minutes, *reason in steps:
            at = county.now - timedelta(minutes=minutes)
            if step == "issue":
                order = services.do_issue_order(office, incident, team, task, at=at)
            else:
                SERVICES[step](office, order, *reason, at=at)
