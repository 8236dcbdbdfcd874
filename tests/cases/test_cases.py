"""The case library: writing, searching, importing (all or nothing) and exporting."""

import json
from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from countydesk.accounts.system import SYSTEM
from countydesk.audit.models import AuditEvent
from countydesk.base.errors import Forbidden, ValidationFailed
from countydesk.orgs.models import Unit
from countydesk.registry.cases import services
from countydesk.registry.cases.models import Case
from countydesk.registry.plans.models import Plan

pytestmark = pytest.mark.django_db


def _xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD = ["白沙镇暴雨内涝", "101", "2024-06-15", "白沙镇", "镇区低洼地带", 0, 0, 120.5, "暴雨致镇区内涝。", "排水设施需改造。",
        "云溪县防汛抗旱应急预案"]


def test_do_create_case_is_callable_by_others_and_audited(user):
    township = Unit.objects.get(name="城关镇")
    case = services.do_create_case(SYSTEM, title="测试案例", event_type="202", occurred_on=date(2025, 5, 1),
                                   township=township, summary="两车相撞", deaths=1,
                                   plans=[Plan.objects.get(title="云溪县道路交通事故应急预案")])
    assert case.category == "2" and case.type_name == "交通运输事故" and case.plans.count() == 1
    assert AuditEvent.objects.order_by("-seq").first().action == "case.create"
    with pytest.raises(Forbidden):
        services.do_create_case(user("chengguan_ld"), title="x", event_type="101", occurred_on=date(2025, 1, 1),
                                summary="x")
    with pytest.raises(ValidationFailed):
        services.do_create_case(SYSTEM, title="x", event_type="101", occurred_on=date(2025, 1, 1), summary="x",
                                township=Unit.objects.get(name="县水利局"))


def test_search_by_keyword_type_category_and_year():
    everything = Case.objects.all()
    fire = services.search(everything, event_type="105")
    assert fire.exists() and all(c.event_type == "105" for c in fire)
    assert set(services.search(everything, category="1")) == set(everything.filter(event_type__startswith="1"))
    lesson = services.search(everything, q="护林员")
    assert lesson.exists() and all("护林员" in c.lessons for c in lesson)
    year = everything.first().occurred_on.year
    assert all(c.occurred_on.year == year for c in services.search(everything, year=year))


def test_import_with_bad_rows_reports_each_row_and_imports_nothing(client_as):
    client = client_as("yingjiban")
    content = _xlsx([services.COLUMNS, GOOD,
                     ["", "101", "2024-06-15", "", "", 0, 0, None, "无标题", "", ""],
                     ["滑坡", "滑坡灾害", "2024-07-01", "", "", 0, 0, None, "概要", "", ""],
                     ["火灾", "105", "去年", "不存在镇", "", -1, 0, None, "概要", "", ""],
                     ["事故", "201", "2024-07-01", "", "", "三", 0, None, "概要", "", "不存在的预案"]])
    counts = Case.objects.count(), AuditEvent.objects.count()
    response = client.post("/api/cases/import", {"file": SimpleUploadedFile("cases.xlsx", content)})
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"row 3", "row 4", "row 5", "row 6"}
    assert (Case.objects.count(), AuditEvent.objects.count()) == counts
    page = client.post("/cases/import/", {"file": SimpleUploadedFile("cases.xlsx", content)}).content.decode()
    assert "row 5" in page and "未导入任何数据" in page and "标题和概要为必填项" in page
    assert Case.objects.count() == counts[0]


def test_clean_import_then_export_round_trip(client_as, api_as):
    client = client_as("yingjiban")
    second = ["桃源乡森林火情", "105 森林(草原)火灾", date(2023, 3, 2), "", "", "", "", "", "祭祀用火引发。", "", ""]
    response = client.post("/cases/import/", {"file": SimpleUploadedFile("c.xlsx", _xlsx([services.COLUMNS, GOOD, second]))})
    assert response.status_code == 302
    case = Case.objects.get(title="白沙镇暴雨内涝")
    assert case.township.name == "白沙镇" and str(case.direct_loss) == "120.50" and case.plans.count() == 1
    export = client.get("/cases/?q=白沙镇暴雨&format=xlsx")
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == services.COLUMNS
    assert rows[1][0] == "白沙镇暴雨内涝" and rows[1][1] == "101 水旱灾害" and rows[1][10] == "云溪县防汛抗旱应急预案"
    again = services.parse_xlsx(export.content)  # an export imports again unchanged
    assert again[0]["title"] == "白沙镇暴雨内涝" and again[0]["event_type"] == "101"


def test_import_refuses_wrong_files(api_as):
    client = api_as("yingjiban")
    assert client.post("/api/cases/import", {"file": SimpleUploadedFile("c.xlsx", b"not a workbook")}).status_code == 422
    wrong = client.post("/api/cases/import", {"file": SimpleUploadedFile("c.xlsx", _xlsx([["名称"], ["x"]]))})
    assert wrong.status_code == 422 and "file" in wrong.json()["fields"]
    assert api_as("zhiban").post("/api/cases/import",
                                 {"file": SimpleUploadedFile("c.xlsx", _xlsx([services.COLUMNS]))}).status_code == 403


def test_cases_api_per_role(api_as):
    reader = api_as("chengguan_xxy")
    page = reader.get("/api/cases?event_type=105").json()
    assert page["count"] == Case.objects.filter(event_type="105").count() > 0
    detail = reader.get(f"/api/cases/{page['items'][0]['id']}").json()
    assert detail["summary"] and isinstance(detail["plan_ids"], list)
    body = {"title": "新案例", "event_type": "303", "occurred_on": "2026-05-01", "summary": "食物中毒",
            "township_id": Unit.objects.get(name="龙潭乡").pk}
    assert reader.post("/api/cases", json.dumps(body), content_type="application/json").status_code == 403
    staff = api_as("yingjiban")
    created = staff.post("/api/cases", json.dumps(body), content_type="application/json")
    assert created.status_code == 201
    case_id = created.json()["id"]
    patched = staff.patch(f"/api/cases/{case_id}", json.dumps({"injuries": 12, "lessons": "加强备案"}),
                          content_type="application/json")
    assert patched.json()["injuries"] == 12
    bad = staff.post("/api/cases", json.dumps(body | {"event_type": "999"}), content_type="application/json")
    assert bad.status_code == 422 and "event_type" in bad.json()["fields"]
    assert staff.get("/api/cases/999999").status_code == 404


def test_case_pages(client_as):
    client = client_as("qingshan_xxy")
    page = client.get("/cases/?category=1").content.decode()
    assert "案例库" in page and "导出Excel" in page and "新建案例" not in page
    case = Case.objects.first()
    assert case.title in client.get(f"/cases/{case.pk}/").content.decode()
    assert client.get("/cases/new/").status_code == 403
    staff = client_as("yingjiban")
    response = staff.post("/cases/new/", {"title": "表单案例", "event_type": "104", "occurred_on": "2026-07-01",
                                          "deaths": 0, "injuries": 0, "summary": "滑坡"})
    assert response.status_code == 302 and Case.objects.filter(title="表单案例").exists()


def test_the_import_size_rule_row_decides_the_largest_file(client_as):
    """The largest case file imported is the CaseRule row max_import_mb (5 by default)."""
    from countydesk.registry.cases import rules as case_rules
    from countydesk.registry.cases.models import CaseRule

    assert case_rules.max_import_bytes() == 5 * 1024 * 1024
    content, client = _xlsx([services.COLUMNS, GOOD]), client_as("yingjiban")
    counts = Case.objects.count(), AuditEvent.objects.count()
    CaseRule.objects.filter(key="max_import_mb").update(value=0)
    response = client.post("/api/cases/import", {"file": SimpleUploadedFile("cases.xlsx", content)})
    assert response.status_code == 413 and (Case.objects.count(), AuditEvent.objects.count()) == counts
    CaseRule.objects.filter(key="max_import_mb").update(value=5)
    assert client.post("/api/cases/import", {"file": SimpleUploadedFile("cases.xlsx", content)}).status_code < 300
