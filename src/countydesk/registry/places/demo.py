"""Demo shelters and protected targets near the township points."""

from countydesk.accounts.system import SYSTEM
from countydesk.demo.data import TOWNSHIPS
from countydesk.demo.registry import demo_builder
from countydesk.registry.teams.kit import near

from . import services
from .choices import ShelterStatus, TargetKind

SHELTER_KINDS = ["中心小学操场", "文化广场", "体育馆", "村民活动中心"]
FACILITIES = ["应急供水、供电、厕所", "帐篷区、医疗点、广播", "应急照明、物资储备点"]
TARGETS = [(TargetKind.SCHOOL, "中心小学", (300, 1200)), (TargetKind.HOSPITAL, "卫生院", (30, 150)),
           (TargetKind.CARE_HOME, "敬老院", (20, 80)), (TargetKind.KINDERGARTEN, "中心幼儿园", (80, 300))]


@demo_builder(930)
def build_places(county):
    county.progress.step("shelters and protected targets")
    rng = county.rng
    for i in range(15):
        town = county.units[TOWNSHIPS[i % len(TOWNSHIPS)]]
        lat, lon = near(county, town, 0.02)
        services.do_create_shelter(
            SYSTEM, name=f"{town.name}{SHELTER_KINDS[i // len(TOWNSHIPS) + i % 2]}避难场所", unit=town,
            capacity=rng.randint(200, 3000), area_m2=rng.randint(2000, 20000), facilities=rng.choice(FACILITIES),
            status=ShelterStatus.CLOSED if i % 7 == 6 else ShelterStatus.OPEN, manager_phone=county._phone(),
            address=f"{town.name}政府附近", lat=lat, lon=lon)
    for i in range(20):
        town = county.units[TOWNSHIPS[i % len(TOWNSHIPS)]]
        kind, suffix, (low, high) = TARGETS[i // len(TOWNSHIPS) * 2 + i % 2]
        lat, lon = near(county, town, 0.02)
        services.do_create_target(SYSTEM, name=f"{town.name}{suffix}", kind=kind, unit=town,
                                  population=rng.randint(low, high), phone=county._phone(),
                                  address=f"{town.name}街道", lat=lat, lon=lon)
