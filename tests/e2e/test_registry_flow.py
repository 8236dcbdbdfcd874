"""Issue 5's "Done when", in a real browser, as the demo's people: the emergency office (应急办) opens the plan
coverage matrix from the navigation and sees the deliberate gaps of the demo county (西坪乡 and 北山乡 have no
plan of their own), on the page and in its Excel export; the 城关镇 leader downloads the census template, uploads
it with two bad rows and is told exactly which (row, column, reason) while nothing from the file is stored, then
uploads the corrected file, which is imported; the emergency office sees the township's return in the
consolidation. (The map part is tests/e2e/test_map.py.)"""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from countydesk.accounts.models import User
from countydesk.demo.generator import DEMO_PASSWORD
from countydesk.orgs.models import Unit
from countydesk.registry.plans import analysis
from countydesk.registry.plans.choices import EFFECTIVE, PlanKind, PlanLevel
from countydesk.registry.plans.models import Plan
from countydesk.registry.supplies import services as supplies
from countydesk.registry.supplies.choices import CampaignStatus
from countydesk.registry.supplies.models import Batch, CensusCampaign, CensusUpload, Depot, StockMovement

from .conftest import screenshot

pytestmark = pytest.mark.e2e

WITHOUT_PLAN = ["西坪乡", "北山乡"]  # registry/plans/demo.py: the two townships left without a plan
TOWNSHIP = "城关镇"


def _sign_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button:has-text('登录')")
    page.wait_for_url(f"{base}/")


def _open_from_nav(page, label):
    with page.expect_navigation():
        page.locator("nav.side").get_by_role("link", name=label, exact=True).click()
    expect(page.locator("h1")).to_have_text(label)


def _download(page, click) -> tuple[str, bytes]:
    with page.expect_download() as info:
        click()
    download = info.value
    with open(download.path(), "rb") as fh:
        return download.suggested_filename, fh.read()


# 1. The plan coverage matrix -----------------------------------------------------------------------------------

def _county_types() -> set[str]:
    """The event types of the county special and joint plans in force: every township is expected to cover them."""
    plans = Plan.objects.filter(level=PlanLevel.COUNTY, kind__in=[PlanKind.SPECIAL, PlanKind.JOINT],
                                status__in=EFFECTIVE)
    return {code for plan in plans.prefetch_related("event_types") for code in plan.type_codes}


def _page_matrix(page) -> tuple[list[str], dict[str, list[str]]]:
    """Unit column titles, and per event type code the class of each cell (as the page marks it)."""
    table = page.locator("table.matrix")
    units = table.locator("thead th.unit").all_inner_texts()
    rows = {}
    for row in table.locator("tbody tr").all():
        code = row.locator("th.type").inner_text().split()[0]
        rows[code] = [(c or "").strip() for c in row.locator("td").evaluate_all("cells => cells.map(c => c.className)")]
    return units, rows


def test_emergency_office_sees_the_coverage_gaps_and_exports_them(demo_live_server, page):
    base = demo_live_server.url
    county_types = _county_types()
    assert {"101", "104", "105", "201", "202", "301", "406"} <= county_types  # the demo's special plans
    assert "304" not in county_types  # 动物疫情: the county plan is still a draft, so no township is expected to have one
    town_plan = Plan.objects.filter(owner__name=TOWNSHIP, kind=PlanKind.TOWNSHIP, status__in=EFFECTIVE).get()
    assert not Plan.objects.filter(owner__name__in=WITHOUT_PLAN).exists()

    _sign_in(page, base, "yingjiban")
    _open_from_nav(page, "预案覆盖矩阵")
    assert page.url == f"{base}/plans/coverage/"
    units, rows = _page_matrix(page)
    columns = {name: units.index(name) for name in [*WITHOUT_PLAN, TOWNSHIP]}
    assert set(rows) >= county_types | {"304"}
    for town in WITHOUT_PLAN:  # a gap for every type of a county plan in force, nothing where none is expected
        column = columns[town]
        assert {code for code, cells in rows.items() if cells[column] == "gap"} == county_types, town
        assert rows["304"][column] == ""
    flood = page.locator("table.matrix tbody tr").filter(has=page.locator("th.type", has_text="101 ")).locator("td")
    gap = flood.nth(columns["西坪乡"])
    expect(gap).to_have_class("gap")
    expect(gap).to_have_text("✗")
    covered_code = town_plan.type_codes[0]  # 城关镇's own plan covers it: ✓, or ! once its drill or review falls due
    overdue = next(r for r in analysis.due_rows() if r.plan.pk == town_plan.pk).overdue
    assert rows[covered_code][columns[TOWNSHIP]] == ("overdue" if overdue else "covered")
    cell = page.locator("table.matrix tbody tr").filter(
        has=page.locator("th.type", has_text=f"{covered_code} ")).locator("td").nth(columns[TOWNSHIP])
    expect(cell.locator("a")).to_have_attribute("href", f"/plans/{town_plan.pk}/")
    expect(cell).to_have_class("overdue" if overdue else "covered")
    total = sum(cells.count("gap") for cells in rows.values())
    expect(page.locator("p.legend")).to_contain_text(f"{total} 个缺口")
    screenshot(page, "plan-coverage-matrix")

    name, data = _download(page, lambda: page.get_by_role("link", name="导出Excel").click())
    assert name.startswith("plan-coverage-") and name.endswith(".xlsx")
    sheet = load_workbook(BytesIO(data)).active
    header, *body = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header[1:] == units
    book_rows = {str(r[0]).split()[0]: r[1:] for r in body if r and r[0] and str(r[0])[:3].isdigit()}
    assert set(book_rows) == set(rows)
    marks = {"gap": "✗", "covered": "✓", "overdue": "!", "": None}
    for code, cells in rows.items():  # the same matrix, cell for cell
        assert [v or None for v in book_rows[code]] == [marks[c] for c in cells], code
    flood_row = next(r for r in sheet.iter_rows(min_row=2) if str(r[0].value).startswith("101 "))
    for town in WITHOUT_PLAN:  # marked and coloured as on the page
        gap_cell = flood_row[1 + columns[town]]
        assert gap_cell.value == "✗" and gap_cell.fill.fgColor.rgb.endswith("FFCDD2")


# 2. The supplies census ----------------------------------------------------------------------------------------

def _census_campaign(county_user) -> CensusCampaign:
    """The demo's open census already holds 城关镇's imported return (registry/supplies/demo.py), and a unit is
    imported once per census: the county office closes it and opens this year's second round."""
    campaign = CensusCampaign.objects.get(status=CampaignStatus.OPEN)
    assert campaign.uploads.filter(unit__name=TOWNSHIP, imported_at__isnull=False).exists()
    supplies.do_close_campaign(county_user, campaign)
    return supplies.do_open_campaign(county_user, "2026年度应急物资装备补充普查", timezone.localdate() + timedelta(days=20))


def _fill(template: bytes, town: Unit, rows: list[dict]) -> bytes:
    """The downloaded template with `rows` written below its title row, the way a township clerk fills it."""
    book = load_workbook(BytesIO(template))
    sheet = book.worksheets[0]
    for row in rows:
        equipment = [row["model"], row["bought"], row["made"]] if row.get("model") else [None, None, None]
        sheet.append([row["name"], row["code"], town.name, town.code, "王建国 13907310001", row["uom"],
                      row["quantity"], "城关镇人民政府院内应急仓库", row.get("description", ""), "县应急管理局",
                      *equipment])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(page, name: str, data: bytes):
    page.locator("input[type=file]").set_input_files({"name": name, "mimeType": "application/vnd.openxmlformats-"
                                                      "officedocument.spreadsheetml.sheet", "buffer": data})
    with page.expect_navigation():
        page.get_by_role("button", name="上传并校验").click()
    expect(page.locator("h1")).to_have_text("普查表校验报告")


def _stored() -> tuple[int, int, int, int]:
    return (StockMovement.objects.count(), Batch.objects.count(), Depot.objects.count(),
            CensusUpload.objects.filter(imported_at__isnull=False).count())


def test_township_census_upload_names_the_bad_rows_then_the_corrected_file_is_consolidated(demo_live_server, page):
    base = demo_live_server.url
    county_user, leader = User.objects.get(username="yingjiban"), User.objects.get(username="chengguan_ld")
    town = Unit.objects.get(name=TOWNSHIP)
    assert leader.unit == town  # a unit leader (单位领导) may return the census for their township; its officer may not
    campaign = _census_campaign(county_user)

    # The township leader opens the census from the navigation and downloads the template for 城关镇.
    _sign_in(page, base, "chengguan_ld")
    _open_from_nav(page, "物资普查")
    expect(page.get_by_text(campaign.title)).to_be_visible()
    expect(page.get_by_label("单位").first).to_have_value(str(town.pk))
    name, template = _download(page, lambda: page.get_by_role("button", name="下载普查模板").click())
    assert name.endswith(".xlsx") and TOWNSHIP in name
    book = load_workbook(BytesIO(template))
    header = [c.value for c in book.worksheets[0][1]]
    codes = {r[0]: r for r in book.worksheets[1].iter_rows(min_row=2, values_only=True)}  # code, name, uom, equip.
    supplies_rows = [r for r in codes.values() if not r[3]][:4]
    equipment = next(r for r in codes.values() if r[3])
    good = [{"name": r[1], "code": r[0], "uom": r[2], "quantity": q}
            for r, q in zip(supplies_rows, (200, 50, 30, 1000))]
    good.append({"name": equipment[1], "code": equipment[0], "uom": equipment[2], "quantity": 2,
                 "model": "CZ-550", "bought": "2025-04-10", "made": "2025-03-01"})
    unknown = {"name": "应急帐篷（新型）", "code": "9999999", "uom": "顶", "quantity": 10}
    negative = dict(good[1], quantity=-5)
    rows = [good[0], good[1], unknown, good[2], negative, good[3], good[4]]  # spreadsheet rows 2 … 8
    before = _stored()

    # The filled file with two bad rows: the page names row, column and reason of each, and stores nothing.
    _upload(page, "城关镇普查表.xlsx", _fill(template, town, rows))
    expect(page.locator("p.flash.error")).to_have_text("文件有 2 处问题，未导入任何数据。")
    expect(page.locator("p.error:not(.flash)")).to_contain_text("本文件的数据一条也没有导入")
    report = page.locator("table.list tbody tr")
    expect(report).to_have_count(2)
    assert [report.nth(i).locator("td").all_inner_texts() for i in range(2)] == [
        ["4", header[1], "未知的类别代码 9999999。"],
        ["6", header[6], "请输入正数，最多三位小数。"],
    ]
    assert header[1] == "类别（代码）" and header[6] == "数量"
    expect(page.get_by_text("共 7 行，有效 5 行，问题 2 处。")).to_be_visible()
    screenshot(page, "census-two-bad-rows")
    assert _stored() == before
    upload = CensusUpload.objects.get(campaign=campaign, unit=town)
    assert upload.imported_at is None and len(upload.errors) == 2

    # The corrected file is checked and imported as receipts into the township's depot.
    rows[2] = dict(unknown, code=supplies_rows[0][0], uom=supplies_rows[0][2])
    rows[4] = dict(negative, quantity=5)
    page.goto(f"{base}/supplies/census/")
    _upload(page, "城关镇普查表（修正）.xlsx", _fill(template, town, rows))
    expect(page.locator("p.flash.success")).to_have_text("文件已校验，7 行已导入。")
    expect(page.locator("table.list")).to_have_count(0)
    expect(page.locator("p.error:not(.flash)")).to_have_count(0)
    expect(page.get_by_text("共 7 行，有效 7 行，问题 0 处。")).to_be_visible()
    expect(page.locator("p.ok")).to_contain_text("7")
    movements = StockMovement.objects.filter(census_upload__campaign=campaign)
    assert movements.count() == 7 and movements.values("census_upload__unit").distinct().count() == 1
    assert _stored()[0] == before[0] + 7 and _stored()[3] == before[3] + 1
    assert sum(m.quantity for m in movements) == Decimal(200 + 50 + 10 + 30 + 5 + 1000 + 2)

    # The county office sees the township's return in the consolidation.
    _sign_in(page, base, "yingjiban")
    _open_from_nav(page, "物资普查")
    summary = page.locator("h2:text-is('汇总') + table")
    row = summary.locator("tbody tr").filter(has=page.get_by_role("cell", name=TOWNSHIP, exact=True))
    cells = row.locator("td").all_inner_texts()
    assert cells[1] == "✓"
    classes = {"1": 0, "2": 0, "3": 0}
    for r in rows:
        classes[str(r["code"])[0]] += 1
    for i, klass in enumerate("123"):
        assert (f"{classes[klass]} 条" in cells[2 + i]) if classes[klass] else cells[2 + i] == "", (klass, cells)
    others = summary.locator("tbody tr").filter(has_text="未上报")
    expect(others.first).to_be_visible()
    screenshot(page, "census-consolidation")
