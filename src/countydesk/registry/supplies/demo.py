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


# The county at the stated scale (issue 5 item 12): 30 depots in all and a ledger of about 5,000 movements
# over the past two years. Built after every other builder, so the rows above keep their random draws.
MORE_DEPOTS = [
    ("县城市管理局市政抢险物资仓库", DepotKind.GOVERNMENT, "县城市管理局", ["301", "20301", "10702"]),
    ("龙潭乡应急物资储备点", DepotKind.GOVERNMENT, "龙潭乡", ["1", "301"]),
    ("杨柳镇应急物资储备点", DepotKind.GOVERNMENT, "杨柳镇", ["1", "301", "203"]),
    ("东岭乡森林防火物资储备点", DepotKind.GOVERNMENT, "东岭乡", ["202", "205", "101", "103"]),
    ("西坪乡应急物资储备点", DepotKind.GOVERNMENT, "西坪乡", ["101", "102", "103", "104"]),
    ("南湖镇防汛物资仓库", DepotKind.GOVERNMENT, "南湖镇", ["301", "201", "203"]),
    ("北山乡应急物资储备点", DepotKind.GOVERNMENT, "北山乡", ["1", "202"]),
    ("县民政局救灾物资储备库", DepotKind.GOVERNMENT, "县民政局", ["101", "102", "103", "104", "105", "107"]),
    ("县卫生健康委员会医疗物资储备库", DepotKind.GOVERNMENT, "县卫生健康委员会", ["106", "20104"]),
    ("县疾病预防控制中心防疫物资库", DepotKind.GOVERNMENT, "县疾病预防控制中心", ["10601", "10402", "20501"]),
    ("县人民医院应急药械库", DepotKind.GOVERNMENT, "县人民医院", ["106", "20104"]),
    ("县交通运输局公路应急物资储备中心", DepotKind.GOVERNMENT, "县交通运输局", ["303", "302", "10702", "20302"]),
    ("县消防救援大队战勤保障物资库", DepotKind.GOVERNMENT, "县消防救援大队", ["201", "202", "205", "204"]),
    ("县自然资源局地质灾害应急物资库", DepotKind.GOVERNMENT, "县自然资源局", ["20402", "20103", "30103"]),
    ("县农业农村局抗旱物资储备库", DepotKind.GOVERNMENT, "县农业农村局", ["30104", "20301"]),
    ("县供电公司电力应急物资库", DepotKind.ENTERPRISE, "县供电公司", ["20302", "206", "205"]),
    ("云溪化工有限公司应急物资库", DepotKind.ENTERPRISE, "云溪化工有限公司", ["20502", "205", "20201"]),
    ("云溪煤业有限公司矿山救护物资库", DepotKind.ENTERPRISE, "云溪煤业有限公司", ["20103", "205", "20102", "303"]),
    ("县建材市场工程物资协议储备点", DepotKind.AGREEMENT, "县住房和城乡建设局", ["302", "30103", "30202"]),
]
LEDGER_SIZE = 5000
ISSUE_REASONS = [("汛期发放", "领用单"), ("森林防火期前置", "领用单"), ("受灾群众安置", "救灾物资发放单"),
                 ("应急演练使用", "演练领用单"), ("山洪转移安置点保障", "紧急领用单"), ("低温雨雪冰冻保障", "领用单"),
                 ("抢险现场调用", "现场签收单")]
RECEIPT_REASONS = [("年度储备采购", "采购合同"), ("上级调拨下发", "调拨通知"), ("社会捐赠", "捐赠登记"),
                   ("协议企业补库", "协议储备合同")]


def _items_for(prefixes):
    return [i for i in Item.objects.filter(active=True).order_by("code") if any(i.code.startswith(p) for p in prefixes)]


@demo_builder(950)
def build_supplies_scale(county):
    from datetime import datetime, time as dtime

    from django.utils import timezone

    from countydesk.audit.services import record

    from .choices import MovementKind
    from .models import Batch, BatchBalance, Depot, StockLevel, StockMovement

    county.progress.step("supplies at scale: 30 depots, about 5,000 ledger movements")
    rng, today = county.rng, county.today
    for name, kind, owner, _prefixes in MORE_DEPOTS:
        unit = county.units[owner]
        lat, lon = county._point(unit.lat or 29.05, unit.lon or 114.60, 0.01)
        services.do_create_depot(SYSTEM, name=name, kind=kind, unit=unit, lat=lat, lon=lon,
                                 address=f"云溪县{owner}{name.removeprefix(owner)[-5:]}", manager=county._name(),
                                 phone=county._phone(False))
    prefixes = {name: p for name, _k, _o, p in MORE_DEPOTS}
    prefixes |= {name: [c[:5] for c in codes] + [c[:3] for c in codes] for name, _k, _o, codes in DEPOTS}
    depots = list(Depot.objects.order_by("pk"))
    wanted = LEDGER_SIZE - StockMovement.objects.count()
    plan = []  # (depot, items) with enough items to spread the ledger
    for depot in depots:
        pool = _items_for(prefixes.get(depot.name, ["1", "301"]))
        plan.append((depot, rng.sample(pool, min(len(pool), rng.randint(12, 30)))))
    levels = {(l.depot_id, l.item_id): l for l in StockLevel.objects.all()}
    new_levels, touched = {}, set()
    batches, movements, balances = [], [], []
    tz = timezone.get_current_timezone()

    def at(day):
        return timezone.make_aware(datetime.combine(day, dtime(rng.randint(8, 17), rng.randint(0, 59))), tz)

    serial = 0
    while len(movements) < wanted:
        for depot, items in plan:
            for item in items:
                if len(movements) >= wanted:
                    break
                serial += 1
                life = item.shelf_life_days
                made = today - timedelta(days=rng.randint(20, max(25, min(700, life - 30)) if life else 700))
                batch = Batch(item=item, batch_no=f"{made:%Y%m%d}-{depot.pk:02d}{serial:04d}", production_date=made,
                              expiry_date=made + timedelta(days=life) if life else None)
                batches.append(batch)
                quantity = Decimal(rng.randint(2, 30) if item.is_equipment else rng.choice([100, 200, 300, 500, 800, 1000, 2000]))
                reason, ref = rng.choice(RECEIPT_REASONS)
                day, balance = made + timedelta(days=rng.randint(3, 15)), quantity
                lines = [(MovementKind.RECEIPT, quantity, balance, day, reason, f"{ref}{day:%Y}-{rng.randint(1, 99):02d}")]
                for _ in range(rng.randint(1, 6)):
                    day = day + timedelta(days=rng.randint(5, 60))
                    if day > today or balance <= 0 or len(movements) + len(lines) >= wanted:
                        break
                    roll = rng.random()
                    if roll < 0.75:
                        out = min(balance, Decimal(max(1, int(balance * Decimal(rng.choice(["0.05", "0.1", "0.2", "0.3"]))))))
                        reason, ref = rng.choice(ISSUE_REASONS)
                        balance -= out
                        lines.append((MovementKind.ISSUE, -out, balance, day, reason, f"{ref}{rng.randint(100, 999)}"))
                    elif roll < 0.9:
                        delta = Decimal(rng.choice([-2, -1, 1, 2])) if balance > 2 else Decimal(1)
                        balance += delta
                        lines.append((MovementKind.ADJUSTMENT, delta, balance, day, "季度盘点", f"盘点表{day:%Y%m}"))
                    else:
                        out = min(balance, Decimal(rng.randint(1, 5)))
                        balance -= out
                        lines.append((MovementKind.WRITE_OFF, -out, balance, day, "破损报废", f"报废单{rng.randint(10, 99)}"))
                for kind, delta, after, day, reason, ref in lines:
                    movements.append(StockMovement(at=at(day), depot=depot, item=item, batch=batch, kind=kind,
                                                   quantity=delta, unit_of_measure=item.unit_of_measure,
                                                   balance_after=after, reason=reason, reference=ref))
                if balance:
                    balances.append(BatchBalance(depot=depot, item=item, batch=batch, quantity=balance))
                key = (depot.pk, item.pk)
                if key in levels:
                    touched.add(key)
                level = levels.get(key) or new_levels.setdefault(key, StockLevel(depot=depot, item=item, quantity=0))
                level.quantity += balance
    Batch.objects.bulk_create(batches, batch_size=1000)
    for row in balances:
        row.batch_id = row.batch.pk
    for row in movements:
        row.batch_id = row.batch.pk
    at_field = StockMovement._meta.get_field("at")
    at_field.auto_now_add = False  # keep the history's own dates; the ledger is still append-only
    try:
        StockMovement.objects.bulk_create(movements, batch_size=1000)
    finally:
        at_field.auto_now_add = True
    BatchBalance.objects.bulk_create(balances, batch_size=1000)
    StockLevel.objects.bulk_create(new_levels.values(), batch_size=1000)
    StockLevel.objects.bulk_update([levels[k] for k in touched], ["quantity"], batch_size=1000)
    record(SYSTEM, "demo.stock_bulk", object_type="supplies.stockmovement",
           after={"depots": len(MORE_DEPOTS), "batches": len(batches), "movements": len(movements)})
    for name, _kind, _owner, _prefixes in MORE_DEPOTS:
        depot = Depot.objects.get(name=name)
        for item in rng.sample(list(Item.objects.filter(levels__depot=depot, levels__quantity__gt=0)), 2):
            level = item.levels.get(depot=depot).quantity
            factor = Decimal(rng.choice(["0.8", "1.2", "1.5"]))
            services.do_set_quota(SYSTEM, depot, item, (level * factor).quantize(Decimal(1)))
