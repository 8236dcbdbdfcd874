"""Demo: the external systems as intake clients, and a morning's intakes in the demo county."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from countydesk.accounts.system import SYSTEM
from countydesk.demo.registry import demo_builder

from . import services

CLIENTS = [("县公安局110指挥中心", "110"), ("县消防救援大队119", "119"), ("县120急救中心", "120"),
           ("县防汛抗旱指挥部", "flood"), ("县森林防火指挥部", "forest_fire")]

# (minutes after 06:00, channel, township, hint, description, deaths, seriously injured, loss)
MORNING = [
    (12, "110", "城关镇", "交通事故", "人民路与建设路交叉口两车相撞，有人受伤", 0, 2, 0),
    (15, "120", "城关镇", "交通事故", "人民路路口车祸，两人受伤需要救护车", 0, 2, 0),
    (48, "119", "石门镇", "火灾", "石门镇一民房着火，浓烟很大", 0, 0, 80_000),
    (95, "forest_fire", "东岭乡", "山火", "东岭乡后山林地起火，火势向山顶蔓延", 0, 0, 0),
    (101, "110", "东岭乡", "山火", "群众报警东岭乡山上着火", 0, 0, 0),
    (160, "flood", "河口镇", "内涝", "河口镇老街积水深约40厘米，部分商铺进水", 0, 0, 300_000),
    (210, "110", "青山镇", "矿山事故", "云溪煤业井下发生冒顶，初步了解4人被困，3人死亡", 3, 1, 2_000_000),
]


@demo_builder(order=60)
def build_incidents(county):
    county.progress.step("intake clients and a morning's incidents")
    clients = {channel: services.do_add_client(SYSTEM, name, channel)[0] for name, channel in CLIENTS}
    start = datetime.combine(county.today, time(6, 0), tzinfo=ZoneInfo("Asia/Shanghai"))
    for n, (minutes, channel, town, hint, text, deaths, injured, loss) in enumerate(MORNING, start=1):
        unit = county.units[town]
        lat = unit.lat + county.rng.uniform(-0.004, 0.004)
        lon = unit.lon + county.rng.uniform(-0.004, 0.004)
        received = start + timedelta(minutes=minutes)
        data = services.IntakeData(
            received_at=received, occurred_at=received - timedelta(minutes=county.rng.randint(2, 10)),
            lat=round(lat, 5), lon=round(lon, 5), address=f"云溪县{town}", category_hint=hint, description=text,
            caller_name=county._name(), caller_phone=county._phone(area=False), external_id=f"demo-{channel}-{n}",
            deaths=deaths, seriously_injured=injured, direct_loss=Decimal(loss),
        )
        services.do_accept_intake(clients[channel], data)
        services.do_process_inbox()


@demo_builder(order=61)
def build_first_report(county):
    """The duty officer has drafted the 初报 of the morning's most serious incident and sent it to be signed (送审签):
    it waits on the commander's dashboard."""
    from .models import Incident

    duty = county.users["zhiban"]
    incident = Incident.objects.filter(merged_into__isnull=True).order_by("grade", "-received_at").first()
    services.do_submit_report(duty, services.do_draft_report(duty, incident, "initial"))
