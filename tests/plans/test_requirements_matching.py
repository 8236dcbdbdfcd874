"""Matchable plan requirements (issue 13.1): the form and its line syntax, the plan page's 未匹配 marks and
count, the plans list's count, the Excel sheet round trip with its readable row errors, the API, and the
migration that maps the demo's free-text rows."""

from decimal import Decimal
from importlib import import_module
from io import BytesIO

import pytest
from django.apps import apps
from openpyxl import load_workbook

from countydesk.accounts.system import SYSTEM
from countydesk.audit.models import AuditEvent
from countydesk.registry.plans import requirements, services
from countydesk.registry.plans.choices import PlanKind, PlanLevel
from countydesk.registry.plans.models import Plan, ResourceRequirement
from countydesk.registry.sheets.kit import DATABASES, run_import
from countydesk.registry.supplies.models import Item

from .helpers import unit

pytestmark = pytest.mark.django_db

LINES = ("Ⅳ | 队伍 | 防汛抢险队 | 2 | 支 | 101 专业队伍\n"
         "Ⅳ | 专家 | 水利专家 | 1 | 名 | 101\n"
         "Ⅲ | 物资 | 冲锋舟 | 4 | 艘 | 2010101\n"
         "Ⅲ | 物资 | 应急照明灯 | 10 | 台")


def form(**changes):
    return {"title": "城关镇防汛专项预案", "kind": "township", "level": "township", "owner": unit("城关镇").pk,
            "event_types": ["101"], "responses": "Ⅳ：一般险情\nⅢ级：较大险情", "resources": LINES} | changes


def test_the_line_syntax_reads_every_kind_of_match():
    team, expert, boat, lamp = requirements.parse_lines(LINES)
    assert (team["kind"], team["capability"], team["team_kind"], team["item"]) == ("team", "101", "professional", None)
    assert (expert["kind"], expert["capability"], expert["team_kind"]) == ("expert", "101", "")
    assert boat["item"] == Item.objects.get(code="2010101") and boat["quantity"] == Decimal("4")
    assert (lamp["item"], lamp["capability"]) == (None, "")


@pytest.mark.parametrize("line, words", [
    ("Ⅳ | 物资 | 冲锋舟 | 4 | 艘 | 9999999", "9999999"),
    ("Ⅳ | 队伍 | 防汛抢险队 | 2 | 支 | 999", "999"),
    ("Ⅳ | 队伍 | 防汛抢险队 | 2 | 支 | 101 飞行队", "飞行队"),
    ("Ⅳ | 专家 | 水利专家 | 1 | 名 | 101 专业队伍", "101 专业队伍"),
    ("Ⅳ | 物资 | 冲锋舟", "冲锋舟"),
])
def test_bad_matches_are_readable_errors(line, words):
    with pytest.raises(ValueError) as err:
        requirements.parse_lines(line)
    assert words in str(err.value)


def test_form_saves_matches_and_page_marks_and_counts_the_unmatched(client_as):
    client = client_as("chengguan_ld")
    answer = client.post("/plans/new/", form())
    assert answer.status_code == 302, answer.content.decode()[-1500:]
    plan = Plan.objects.get(title="城关镇防汛专项预案")
    rows = {r.name: r for r in plan.resources.all()}
    assert rows["防汛抢险队"].matchable and rows["水利专家"].matchable and rows["冲锋舟"].matchable
    assert not rows["应急照明灯"].matchable
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert page.count('class="warn unmatched"') == 1 and "未匹配" in page
    assert "1 项未匹配" in page and "2010101 冲锋舟" in page and "101 水旱灾害 · 专业队伍" in page
    edit = client.get(f"/plans/{plan.pk}/edit/").content.decode()  # the rows come back as picked lists
    boat = Item.objects.get(code="2010101")
    assert 'value="防汛抢险队"' in edit and f'<option value="{boat.pk}" selected>' in edit
    assert '<option value="professional" selected>' in edit and 'name="res-TOTAL_FORMS" value="7"' in edit


def picked(rows):
    """The plan form's table of resource rows as posted (prefix res), with `rows` filled in."""
    data = {"res-TOTAL_FORMS": str(len(rows)), "res-INITIAL_FORMS": "0", "res-MIN_NUM_FORMS": "0",
            "res-MAX_NUM_FORMS": "1000"}
    for i, row in enumerate(rows):
        data |= {f"res-{i}-{k}": v for k, v in row.items()}
    return data


def test_form_rows_pick_kind_capability_specialty_and_item(client_as):
    boat = Item.objects.get(code="2010101")
    rows = [{"level": "IV", "kind": "team", "name": "森林消防队", "quantity": "2", "unit_of_measure": "支",
             "team_kind": "professional", "capability": "105"},
            {"level": "IV", "kind": "expert", "name": "林火专家", "quantity": "1", "unit_of_measure": "名",
             "capability": "105"},
            {"level": "III", "kind": "supply", "name": "冲锋舟", "quantity": "3", "unit_of_measure": "艘",
             "item": str(boat.pk)},
            {}]  # an empty row is left out
    client = client_as("chengguan_ld")
    answer = client.post("/plans/new/", form(resources="") | picked(rows))
    assert answer.status_code == 302, answer.content.decode()[-1500:]
    plan = Plan.objects.get(title="城关镇防汛专项预案")
    saved = {r.name: r for r in plan.resources.all()}
    assert set(saved) == {"森林消防队", "林火专家", "冲锋舟"} and all(r.matchable for r in saved.values())
    assert (saved["森林消防队"].team_kind, saved["林火专家"].capability, saved["冲锋舟"].item) == (
        "professional", "105", boat)


def test_a_picked_supply_with_a_capability_is_refused_and_nothing_saved(client_as):
    rows = [{"level": "IV", "kind": "supply", "name": "冲锋舟", "quantity": "3", "unit_of_measure": "艘",
             "capability": "105"}]
    client = client_as("chengguan_ld")
    before = Plan.objects.count(), AuditEvent.objects.count()
    answer = client.post("/plans/new/", form(resources="") | picked(rows), follow=True)
    assert "物资按目录物资匹配" in answer.content.decode()
    assert (Plan.objects.count(), AuditEvent.objects.count()) == before


def test_form_refuses_a_bad_code_and_saves_nothing(client_as):
    client = client_as("chengguan_ld")
    before = Plan.objects.count(), AuditEvent.objects.count()
    answer = client.post("/plans/new/", form(resources="Ⅳ | 物资 | 冲锋舟 | 4 | 艘 | 1234567"))
    assert answer.status_code == 200 and "1234567" in answer.content.decode()
    assert (Plan.objects.count(), AuditEvent.objects.count()) == before


def test_the_plans_list_counts_unmatched_requirements(client_as):
    services.do_create_plan(SYSTEM, title="只有自由文本的预案", kind=PlanKind.SPECIAL, level=PlanLevel.COUNTY,
                            owner=unit("县应急管理局"), resources=requirements.parse_lines(
                                "Ⅳ | 物资 | 应急照明灯 | 10 | 台\nⅣ | 队伍 | 某救援队 | 1 | 支"))
    page = client_as("admin").get("/plans/?q=只有自由文本").content.decode()
    assert "未匹配需求" in page and "<td>2</td>" in page.replace(" ", "")


def _sheet_rows(data: bytes):
    sheet = load_workbook(BytesIO(data)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def _write(rows) -> BytesIO:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_excel_round_trip_carries_the_matches_and_reports_bad_codes(user):
    plan = services.do_create_plan(SYSTEM, title="导出导入测试预案", kind=PlanKind.SPECIAL, level=PlanLevel.COUNTY,
                                   owner=unit("县应急管理局"), event_types=["101"],
                                   resources=requirements.parse_lines(LINES))
    database = DATABASES["plans"]
    data, _count = database.export()
    header, *rows = _sheet_rows(data)
    column = header.index(database.header("resources"))
    row = next(r for r in rows if r[-1] == plan.pk)
    assert "2010101" in row[column] and "101 professional" in row[column] and "应急照明灯 | 10 | 台" in row[column]
    admin = user("admin")
    report = run_import(database, admin, _write([header, row]))
    assert report.errors == [] and report.unchanged == 1
    row[column] = row[column].replace("应急照明灯 | 10 | 台", "应急照明灯 | 10 | 台 | 2030202")
    report = run_import(database, admin, _write([header, row]))
    assert report.errors == [] and report.updated == 1
    assert plan.resources.get(name="应急照明灯").item.code == "2030202"
    new = [None] * len(header)
    for field, value in (("title", "新导入预案"), ("kind", "special"), ("level", "county"), ("owner", "县应急管理局"),
                         ("resources", "Ⅳ | 物资 | 冲锋舟 | 4 | 艘 | 2019999")):
        new[header.index(database.header(field))] = value
    before = Plan.objects.count(), AuditEvent.objects.count()
    report = run_import(database, admin, _write([header, new]))
    assert [e.column for e in report.errors] == [database.header("resources")]
    assert "2019999" in report.errors[0].reason
    assert (Plan.objects.count(), AuditEvent.objects.count()) == before


def test_api_reads_and_writes_matches_and_refuses_bad_ones(api_as):
    api = api_as("yingjiban")
    boat = Item.objects.get(code="2010101")
    body = {"title": "API匹配测试预案", "kind": "department", "level": "county", "owner_id": unit("县应急管理局").pk,
            "event_types": ["101"], "resources": [
                {"level": "IV", "kind": "team", "name": "防汛抢险队", "quantity": "2", "unit_of_measure": "支",
                 "team_kind": "professional", "capability": "101"},
                {"level": "IV", "kind": "supply", "name": "冲锋舟", "quantity": "4", "unit_of_measure": "艘",
                 "item_id": boat.pk},
                {"level": "IV", "kind": "supply", "name": "应急照明灯", "quantity": "10", "unit_of_measure": "台"}]}
    answer = api.post("/api/plans", body, content_type="application/json")
    assert answer.status_code == 201, answer.content
    detail = answer.json()
    assert detail["unmatched_resources"] == 1
    boats = next(r for r in detail["resources"] if r["name"] == "冲锋舟")
    assert (boats["item_id"], boats["item_code"], boats["matchable"]) == (boat.pk, "2010101", True)
    before = Plan.objects.count(), AuditEvent.objects.count()
    for bad, field in (({"item_id": 999999}, "resources.0.item_id"), ({"capability": "999"}, "resources.0.capability"),
                       ({"kind": "supply", "capability": "101", "team_kind": ""}, "resources.0")):
        resource = body["resources"][0] | bad
        refused = api.post("/api/plans", body | {"resources": [resource]}, content_type="application/json")
        assert refused.status_code == 422, refused.content
        assert any(key.startswith(field) for key in refused.json()["fields"]), refused.json()
    assert (Plan.objects.count(), AuditEvent.objects.count()) == before


def test_migration_maps_the_demos_free_text_rows():
    mapping = import_module("countydesk.registry.plans.migrations.0006_plans_matchable_demo")
    demo = ResourceRequirement.objects.filter(plan__title__startswith="云溪县", kind__in=["team", "supply"])
    assert demo.exists()
    expected = {r.pk: (r.team_kind, r.capability, r.item_id) for r in demo}
    demo.update(team_kind="", capability="", item=None)  # the rows as they were before this issue
    changed = mapping.map_requirements(apps)
    assert changed > 0
    after = {r.pk: (r.team_kind, r.capability, r.item_id) for r in demo}
    assert after == expected  # the migration and the demo builder match alike
    lamps = ResourceRequirement.objects.filter(name="应急照明灯")
    assert lamps.exists() and not any(r.matchable for r in lamps)  # deliberately free text
    flood = ResourceRequirement.objects.filter(name="防汛抢险队").first()
    assert (flood.team_kind, flood.capability) == ("professional", "101")


def test_the_demo_has_matched_and_a_few_unmatched_requirements():
    rows = list(ResourceRequirement.objects.select_related("item"))
    matched = [r for r in rows if r.matchable]
    assert len(matched) > len(rows) * 0.6
    assert any(not r.matchable for r in rows)
    assert ResourceRequirement.objects.filter(kind="expert").exclude(capability="").exists()
