"""Demo: the external systems as intake clients, and the morning in progress when the demo is built.

The calls are dated back from the moment of the build (`county.now`), so a fresh demo shows the duty desk as a
duty officer finds it: the older incidents reported by phone and in writing, one 初报 still waiting for the
commander's sign-off and overdue, and the newest call's reports due within the hour.
"""

from datetime import timedelta
from decimal import Decimal

from countydesk.accounts.system import SYSTEM
from countydesk.demo.registry import demo_builder

from . import services
from .choices import ReportKind
from .models import Intake

CLIENTS = [("县公安局110指挥中心", "110"), ("县消防救援大队119", "119"), ("县120急救中心", "120"),
           ("县防汛抗旱指挥部", "flood"), ("县森林防火指挥部", "forest_fire")]

SENT, AWAITING_SIGN_OFF = "sent", "awaiting sign-off"

# (minutes before the build, channel, township, hint, description, deaths, seriously injured, loss,
#  how far the duty office has reported the incident this call opens: SENT, AWAITING_SIGN_OFF or not yet)
MORNING = [
    (230, "110", "城关镇", "交通事故", "人民路与建设路交叉口两车相撞，有人受伤", 0, 2, 0, SENT),
    (227, "120", "城关镇", "交通事故", "人民路路口车祸，两人受伤需要救护车", 0, 2, 0, None),
    (190, "119", "石门镇", "火灾", "石门镇一民房着火，浓烟很大", 0, 0, 80_000, SENT),
    (140, "forest_fire", "东岭乡", "山火", "东岭乡后山林地起火，火势向山顶蔓延", 0, 0, 0, SENT),
    (135, "flood", "河口镇", "内涝", "河口镇老街积水深约40厘米，部分商铺进水", 0, 0, 300_000, AWAITING_SIGN_OFF),
    (134, "110", "东岭乡", "山火", "群众报警东岭乡山上着火", 0, 0, 0, None),
    (12, "110", "青山镇", "矿山事故", "云溪煤业井下发生冒顶，初步了解4人被困，3人死亡", 3, 1, 2_000_000, None),
]


@demo_builder(order=60)
def build_incidents(county):
    county.progress.step("intake clients and the morning's incidents")
    clients = {channel: services.do_add_client(SYSTEM, name, channel)[0] for name, channel in CLIENTS}
    for n, (minutes, channel, town, hint, text, deaths, injured, loss, _) in enumerate(MORNING, start=1):
        unit = county.units[town]
        lat = unit.lat + county.rng.uniform(-0.004, 0.004)
        lon = unit.lon + county.rng.uniform(-0.004, 0.004)
        received = county.now - timedelta(minutes=minutes)
        data = services.IntakeData(
            received_at=received, occurred_at=received - timedelta(minutes=county.rng.randint(2, 10)),
            lat=round(lat, 5), lon=round(lon, 5), address=f"云溪县{town}", category_hint=hint, description=text,
            caller_name=county._name(), caller_phone=county._phone(area=False), external_id=_external_id(channel, n),
            deaths=deaths, seriously_injured=injured, direct_loss=Decimal(loss),
        )
        services.do_accept_intake(clients[channel], data)
        services.do_process_inbox()
    for n, call in enumerate(MORNING, start=1):
        channel, progress = call[1], call[-1]
        if progress:
            incident = Intake.objects.get(client=clients[channel], external_id=_external_id(channel, n)).incident
            _report(county, incident, progress)


def _external_id(channel: str, n: int) -> str:
    return f"demo-{channel}-{n}"


def _report(county, incident, progress):
    """The duty officer verifies the incident, reports by phone, drafts the 初报 and sends it to be signed (送审签),
    where it waits on the commander's dashboard; once he has signed it off it is sent and the response is under way."""
    duty, commander = county.users["zhiban"], county.users["zhihui"]
    services.do_verify_incident(duty, incident)
    services.do_record_phone_report(duty, incident)
    report = services.do_submit_report(duty, services.do_draft_report(duty, incident, ReportKind.INITIAL))
    if progress == SENT:
        services.do_send_report(duty, services.do_sign_report(commander, report))
        services.do_respond_incident(duty, incident)
