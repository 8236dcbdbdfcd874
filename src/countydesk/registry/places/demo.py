"""Demo shelters and protected targets near the township points."""

from countydesk.accounts.system import SYSTEM
from countydesk.demo.data import TOWNSHIPS
from countydesk.demo.registry import demo_builder
from countydesk.demo.registry import near

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


# Shelters and protected targets at the stated scale (issue 5 item 12): 60 shelters and 200 targets.
TOWN_SHELTERS = [("{t}中学操场应急避难场所", 2000, 8000), ("{t}滨河公园应急避难场所", 3000, 20000),
                 ("{t}全民健身广场避难场所", 1500, 9000)]
VILLAGE_SHELTERS = [("{v}村民活动广场避难点", 200, 1500), ("{v}小学操场避难点", 300, 2500),
                    ("{v}文化礼堂避难点", 100, 600)]
COUNTY_SHELTERS = [("云溪县体育中心应急避难场所", 12000, 60000), ("云溪县人民公园应急避难场所", 8000, 45000),
                   ("云溪县第一中学应急避难场所", 5000, 30000)]
VILLAGE_TARGETS = [(TargetKind.SCHOOL, "{v}小学", (60, 400)), (TargetKind.KINDERGARTEN, "{v}幼儿园", (30, 150)),
                   (TargetKind.HOSPITAL, "{v}卫生室", (5, 30)), (TargetKind.CARE_HOME, "{v}互助养老服务点", (10, 40)),
                   (TargetKind.OTHER, "{v}留守儿童之家", (15, 60))]
TOWN_TARGETS = [(TargetKind.SCHOOL, "{t}初级中学", (400, 1500)), (TargetKind.CARE_HOME, "{t}福利院", (30, 120)),
                (TargetKind.OTHER, "{t}农贸市场", (500, 3000)), (TargetKind.OTHER, "{t}汽车站", (200, 1500)),
                (TargetKind.KINDERGARTEN, "{t}第二幼儿园", (80, 300))]
COUNTY_TARGETS = [(TargetKind.SCHOOL, "云溪县第一中学", 3200), (TargetKind.SCHOOL, "云溪县职业中专", 1800),
                  (TargetKind.HOSPITAL, "云溪县人民医院", 600), (TargetKind.HOSPITAL, "云溪县中医院", 350),
                  (TargetKind.HOSPITAL, "云溪县妇幼保健院", 150), (TargetKind.CARE_HOME, "云溪县社会福利中心", 220),
                  (TargetKind.OTHER, "云溪县汽车客运站", 3000), (TargetKind.OTHER, "云溪县万达购物中心", 5000)]


@demo_builder(980)
def build_places_scale(county):
    county.progress.step("shelters and protected targets at scale")
    from countydesk.orgs.choices import UnitKind
    from countydesk.orgs.models import Unit

    from .models import ProtectedTarget, Shelter

    rng, seat = county.rng, county.units[TOWNSHIPS[0]]
    villages = list(Unit.objects.filter(kind=UnitKind.VILLAGE).select_related("parent").order_by("path"))
    shelters = [(name, seat, rng.randint(low, high) // 4, rng.randint(low, high)) for name, low, high in COUNTY_SHELTERS]
    for town in TOWNSHIPS:
        name, low, high = rng.choice(TOWN_SHELTERS)
        shelters.append((name.format(t=town), county.units[town], rng.randint(low, high) // 3, rng.randint(low, high)))
    for village in rng.sample(villages, len(villages)):
        name, low, high = rng.choice(VILLAGE_SHELTERS)
        shelters.append((name.format(v=village.name), village, rng.randint(low, high), rng.randint(low, high) * 4))
    for name, unit, capacity, area in shelters[:max(0, 60 - Shelter.objects.count())]:
        lat, lon = near(county, unit, 0.01)
        services.do_create_shelter(
            SYSTEM, name=name, unit=unit, capacity=capacity, area_m2=area, facilities=rng.choice(FACILITIES),
            status=ShelterStatus.CLOSED if rng.random() < 0.08 else ShelterStatus.OPEN, manager_phone=county._phone(),
            address=f"{unit.parent.name if unit.kind == UnitKind.VILLAGE else ''}{unit.name}", lat=lat, lon=lon)
    targets = [(kind, name, seat, population) for kind, name, population in COUNTY_TARGETS]
    for town in TOWNSHIPS:
        for kind, name, (low, high) in rng.sample(TOWN_TARGETS, 3):
            targets.append((kind, name.format(t=town), county.units[town], rng.randint(low, high)))
    names = set(ProtectedTarget.objects.values_list("name", flat=True))
    for village in villages:
        for kind, name, (low, high) in rng.sample(VILLAGE_TARGETS, rng.randint(2, 4)):
            targets.append((kind, name.format(v=village.name), village, rng.randint(low, high)))
    targets = [t for t in targets if t[1] not in names]
    for kind, name, unit, population in targets[:max(0, 200 - ProtectedTarget.objects.count())]:
        lat, lon = near(county, unit, 0.01)
        services.do_create_target(SYSTEM, name=name, kind=kind, unit=unit, population=population,
                                  phone=county._phone(), address=f"{unit.parent.name if unit.kind == UnitKind.VILLAGE else ''}{unit.name}",
                                  lat=lat, lon=lon)


BOUNDARY_MARGIN_KM = 3  # the county line runs this far (and up to 60 % more) beyond its outermost located unit


@demo_builder(995)  # last: its random draws change no other builder's data
def build_boundaries(county):
    """Plausible township boundaries for the fictional county: Voronoi cells of the township seats,
    clipped to a convex county outline (no surveyed lines exist for a made-up county)."""
    from countydesk.geo.boundaries import township_rings
    from countydesk.orgs.models import Unit

    county.progress.step("county and township boundaries")
    towns = [county.units[name] for name in TOWNSHIPS]
    located = Unit.objects.filter(lat__isnull=False).values_list("lat", "lon")
    outline, cells = township_rings([(t.lat, t.lon) for t in towns], BOUNDARY_MARGIN_KM, county.rng, list(located))
    seat = towns[0].parent
    services.do_set_boundary(SYSTEM, seat, {"type": "Polygon", "coordinates": [outline]})
    for town, ring in zip(towns, cells):
        services.do_set_boundary(SYSTEM, town, {"type": "Polygon", "coordinates": [ring]})
