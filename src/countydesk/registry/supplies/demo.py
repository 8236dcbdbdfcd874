"""Demo supplies: depots of the emergency bureau, townships, an enterprise and an agreement reserve, with stock
(some batches near or past expiry), quotas with shortfalls, pending transfers and a census under way."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from countydesk.accounts.system import SYSTEM
from countydesk.demo.registry import demo_builder

from . import services
from .choices import DepotKind, EntryKind
from .models import Item

# (depot name, kind, owner unit, item codes it stocks)
FLOOD = ["3010101", "3010103", "3010201", "2010101", "2010103", "2010104", "2030101", "2030201"]
LIVING = ["1010101", "1020101", "1020201", "1030101", "1030103", "1040101", "1050101", "1060201"]
FOREST = ["2020101", "2020102", "2020103", "2020201", "2050101"]
DEPOTS = [
    ("云溪县应急物资储备库", DepotKind.GOVERNMENT, "县应急管理局", FLOOD + LIVING + FOREST + ["3030101", "2040101"]),
    ("城关镇应急物资储备点", DepotKind.GOVERNMENT, "城关镇", FLOOD[:5] + LIVING[:6]),
    ("青山镇应急物资储备点", DepotKind.GOVERNMENT, "青山镇", FLOOD[:4] + LIVING[3:7] + FOREST[:2]),
    ("白沙镇应急物资储备点", DepotKind.GOVERNMENT, "白沙镇", FLOOD[:6] + LIVING[:4]),
    ("石门镇应急物资储备点", DepotKind.GOVERNMENT, "石门镇", FOREST + LIVING[:3]),
    ("河口镇防汛物资仓库", DepotKind.GOVERNMENT, "河口镇", FLOOD),
    ("县林业局森林防火物资库", DepotKind.GOVERNMENT, "县林业局", FOREST + ["2040102", "2040201"]),
    ("云溪水务集团防汛物资储备库", DepotKind.ENTERPRISE, "云溪水务集团", FLOOD[:3] + ["3010202", "3020101", "2030101"]),
    ("惠民超市生活物资协议储备点", DepotKind.AGREEMENT, "县商务局", LIVING[3:6] + ["1030201", "1030203"]),
]
CENSUS_UNITS = ["城关镇", "白沙镇", "县民政局", "县水利局"]


def _quantity(rng, item) -> int:
    return rng.randint(1, 12) if item.is_equipment else rng.choice([50, 80, 100, 200, 300, 500, 1000])


def _stock(county, depot, items):
    rng, today = county.rng, county.today
    for item in items:
        for n in range(rng.randint(1, 2)):
            life = item.shelf_life_days
            # Perishables: some batches made so long ago that they expire soon or already have.
            age = rng.randint(life - 120, life + 20) if life and rng.random() < 0.35 else rng.randint(30, 700)
            made = today - timedelta(days=max(1, age))
            services.do_record_entry(SYSTEM, depot, EntryKind.RECEIPT, item, _quantity(rng, item),
                                     batch_no=f"{made:%Y%m}-{depot.pk:02d}{n}", production_date=made,
                                     reason="年度储备采购", reference=f"采购合同{made:%Y}-{rng.randint(10, 99)}")
        if rng.random() < 0.4:
            batch = item.batches.filter(balances__depot=depot).first()
            services.do_record_entry(SYSTEM, depot, EntryKind.ISSUE, item, 1, batch_no=batch.batch_no,
                                     reason="汛期发放", reference="领用单")


def _census_workbook(county, unit) -> bytes:
    book = load_workbook(BytesIO(services.census_template(unit)))
    sheet, rng = book.worksheets[0], county.rng
    code = unit.code or county.units["office"].parent.code
    for item in rng.sample(list(Item.objects.filter(code__in=FLOOD + LIVING)), 4):
        made = county.today - timedelta(days=rng.randint(60, 400))
        equipment = [f"{item.name[:2]}-{rng.randint(100, 999)}", made + timedelta(days=20), made] if item.is_equipment \
            else ["", None, None]
        sheet.append([item.name, item.code, unit.name, code, f"{county._name()} {county._phone(False)}",
                      item.unit_of_measure, _quantity(rng, item), f"云溪县{unit.name}院内仓库", "", "县应急管理局",
                      *equipment])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@demo_builder(50)
def build_supplies(county):
    county.progress.step("supplies depots, stock, quotas, transfers and a census")
    depots = {}
    for name, kind, owner, codes in DEPOTS:
        unit = county.units[owner]
        lat, lon = county._point(unit.lat or 29.05, unit.lon or 114.60, 0.01)
        depots[name] = services.do_create_depot(SYSTEM, name=name, kind=kind, unit=unit, lat=lat, lon=lon,
                                                address=f"云溪县{owner}{name[-3:]}", manager=county._name(),
                                                phone=county._phone(False))
        _stock(county, depots[name], list(Item.objects.filter(code__in=codes)))
    for depot in depots.values():
        for item in county.rng.sample(list(Item.objects.filter(levels__depot=depot)), 3):
            level = item.levels.get(depot=depot).quantity
            factor = Decimal(county.rng.choice(["0.8", "1.2", "1.5"]))  # 1.2 and 1.5 leave a shortfall
            services.do_set_quota(SYSTEM, depot, item, (level * factor).quantize(Decimal(1)))
    central, towns = depots["云溪县应急物资储备库"], list(depots.values())[1:6]
    services.do_request_transfer(SYSTEM, central, towns[3], [(Item.objects.get(code="2020102"), 2)], "森林防火期前置储备")
    urgent = services.do_request_transfer(SYSTEM, central, towns[4], [(Item.objects.get(code="3010103"), 20)],
                                          "河口镇堤段管涌抢险", emergency=True)
    services.do_approve_transfer(SYSTEM, urgent)
    campaign = services.do_open_campaign(SYSTEM, "2026年度应急物资装备普查", county.today + timedelta(days=30))
    for name in CENSUS_UNITS:
        unit = county.units[name]
        services.do_upload_census(SYSTEM, campaign, unit, _census_workbook(county, unit), f"{name}普查表.xlsx")
    services.do_record_expiry_warnings(SYSTEM, county.today)
