"""Census: download the template, fill it with openpyxl, upload, read the per-row report, import."""

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from countydesk.registry.supplies import services
from countydesk.registry.supplies.models import CensusCampaign, CensusUpload, Depot, StockMovement

from .conftest import counts

pytestmark = pytest.mark.django_db

GOOD = [
    ["棉被", "1010101", "桃源乡", "369999103", "张伟 13800000000", "床", 50, "桃源乡政府大院仓库", "", "县应急管理局",
     "", None, None],
    ["发电机", 2030201, "", "369999103", "李强 0797-6123456", "台", 2, "桃源乡政府大院仓库", "5千瓦", "县应急管理局",
     "GF-5kW", date(2024, 5, 1), date(2024, 3, 1)],
]
BAD = [
    ["不明物资", "9999999", "", "369999103", "王芳 13900000000", "个", 1, "仓库", "", "县应急管理局", "", None, None],
    ["救生衣", "2010103", "", "12", "赵敏", "件", -3, "仓库", "", "县应急管理局", "", None, None],
    ["冲锋舟", "2010101", "青山镇", "369999103", "刘洋 13700000000", "条", 1, "仓库", "", "不存在局", "", None, None],
]


def _campaign():
    return CensusCampaign.objects.get(status="open")


def _filled(client, unit, rows) -> bytes:
    response = client.get(f"/supplies/census/template/?unit={unit.pk}")
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    for row in rows:
        book.worksheets[0].append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(client, unit, data, mode="clean", name="普查表.xlsx"):
    return client.post(f"/api/supplies/census/{_campaign().pk}/upload",
                       {"file": SimpleUploadedFile(name, data), "unit_id": unit.pk, "mode": mode})


@pytest.fixture
def taoyuan():
    from countydesk.orgs.models import Unit

    return Unit.objects.get(name="桃源乡")


def test_template_has_the_census_columns_and_a_category_drop_down(client_as, taoyuan):
    data = client_as("yingjiban").get(f"/supplies/census/template/?unit={taoyuan.pk}").content
    book = load_workbook(BytesIO(data))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["物资名称", "类别（代码）", "所属单位"]
    assert sheet.max_column == 13
    rule = sheet.data_validations.dataValidation[0]
    assert rule.type == "list" and "B2" in str(rule.sqref)
    assert book.worksheets[1].max_row > 80


def test_clean_file_round_trip_imports_receipts_into_a_new_depot(client_as, taoyuan):
    client = client_as("yingjiban")
    assert not Depot.objects.filter(unit=taoyuan).exists()
    workbook = SimpleUploadedFile("t.xlsx", _filled(client, taoyuan, GOOD))
    response = client.post("/supplies/census/upload/", {"unit": taoyuan.pk, "mode": "clean", "file": workbook})
    upload = CensusUpload.objects.get(unit=taoyuan)
    assert response.status_code == 302 and response["location"].endswith(f"/census/uploads/{upload.pk}/")
    assert upload.errors == [] and upload.imported_rows == 2
    depot = Depot.objects.get(unit=taoyuan)
    assert (depot.manager, depot.phone) == ("张伟", "13800000000")
    moves = StockMovement.objects.filter(census_upload=upload)
    assert sorted((m.item.code, m.quantity) for m in moves) == [("1010101", 50), ("2030201", 2)]
    assert client.get(f"/supplies/census/uploads/{upload.pk}/").status_code == 200
    assert taoyuan not in services.census_summary(_campaign())["missing"]


def test_bad_rows_are_reported_and_nothing_is_imported_until_asked(api_as, client_as, taoyuan):
    client = client_as("yingjiban")
    data = _filled(client, taoyuan, GOOD + BAD)
    before = counts()[0]
    response = _upload(api_as("yingjiban"), taoyuan, data)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["imported_at"] is None and StockMovement.objects.count() == before
    found = {(e["row"], e["column"]) for e in body["errors"]}
    assert {(4, "类别（代码）"), (5, "行政区划代码"), (5, "负责人及电话"), (5, "数量"), (6, "计量单位"),
            (6, "所属单位"), (6, "行业主管部门"), (6, "规格型号")} <= found
    page = client.get(f"/supplies/census/uploads/{body['id']}/")
    assert "不明物资" not in page.content.decode() and "9999999" in page.content.decode()
    report = client.get(f"/supplies/census/uploads/{body['id']}/?format=xlsx")
    assert load_workbook(BytesIO(report.content)).active.max_row == len(body["errors"]) + 1
    refused = client.post(f"/supplies/census/uploads/{body['id']}/")
    assert refused.status_code == 302 and StockMovement.objects.count() == before
    client.post(f"/supplies/census/uploads/{body['id']}/", {"good_rows_only": "1"})
    assert CensusUpload.objects.get(pk=body["id"]).imported_rows == 2
    assert StockMovement.objects.count() == before + 2


@pytest.mark.parametrize("data, status", [(b"not a workbook", 422), (b"PK\x03\x04junk", 422)])
def test_malformed_files_are_refused(api_as, taoyuan, data, status):
    client = api_as("yingjiban")
    before = counts()
    response = _upload(client, taoyuan, data)
    assert response.status_code == status and set(response.json()) == {"error", "message", "fields"}
    assert counts() == before


def test_a_workbook_with_other_columns_or_too_large_is_refused(api_as, taoyuan, monkeypatch):
    from openpyxl import Workbook

    book, buffer = Workbook(), BytesIO()
    book.active.append(["名称", "数量"])
    book.save(buffer)
    assert _upload(api_as("yingjiban"), taoyuan, buffer.getvalue()).status_code == 422
    from countydesk.registry.supplies.models import SupplyRule

    SupplyRule.objects.filter(key="census_max_upload_mb").update(value=0)
    assert _upload(api_as("yingjiban"), taoyuan, buffer.getvalue()).status_code == 413


def test_a_unit_leader_uploads_only_for_their_own_unit_and_only_once(api_as, client_as, taoyuan):
    from countydesk.orgs.models import Unit

    chengguan = Unit.objects.get(name="城关镇")
    data = _filled(client_as("yingjiban"), taoyuan, GOOD)
    leader, officer = api_as("chengguan_ld"), api_as("qingshan_xxy")
    before = counts()
    assert _upload(leader, taoyuan, data).status_code == 403
    assert _upload(officer, taoyuan, data).status_code == 403
    assert counts() == before
    rows = [[*row[:2], "城关镇", "369999100", *row[4:]] for row in GOOD]
    second = _upload(api_as("chengguan_ld"), chengguan, _filled(client_as("chengguan_ld"), chengguan, rows))
    assert second.status_code == 409 and second.json()["error"] == "already_imported"


def test_the_county_sees_totals_and_who_has_not_submitted(client_as):
    summary = services.census_summary(_campaign())
    submitted = {r["unit"].name for r in summary["rows"] if r["submitted"]}
    assert submitted == {"城关镇", "白沙镇", "县民政局", "县水利局"}
    assert len(summary["missing"]) == 12 + 30 - 4
    chengguan = next(r for r in summary["rows"] if r["unit"].name == "城关镇")
    assert sum(c["records"] for c in chengguan["cells"] if c) == 4
    page = client_as("yingjiban").get("/supplies/census/").content.decode()
    assert "汇总" in page and "桃源乡" in page
