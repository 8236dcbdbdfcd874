"""Excel import of shelters, teams and experts: every bad row reported, nothing imported until clean."""

from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from countydesk.audit.models import AuditEvent
from countydesk.registry.places.models import Shelter
from countydesk.registry.teams.models import Expert, Team

pytestmark = pytest.mark.django_db


def _xlsx(client, url, rows):
    header = next(load_workbook(BytesIO(client.get(f"{url}?template=1").content)).active.iter_rows(values_only=True))
    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "import.xlsx"
    return buffer


def test_shelter_import_reports_every_bad_row_and_imports_nothing(client_as):
    client = client_as("yingjiban")
    url = "/places/shelters/import/"
    good = ["城关镇一中避难场所", "城关镇", 800, 5000, "供水", "城关镇一中", 29.1, 114.6, "0797-6000001"]
    bad = [good, ["无名", "不存在的单位", 10, 0, "", "", None, None, ""], ["坏坐标", "城关镇", 10, 0, "", "", 95, 114, ""]]
    counts = Shelter.objects.count(), AuditEvent.objects.count()
    page = client.post(url, {"file": _xlsx(client, url, bad)}).content.decode()
    assert "第 3 行" in page and "第 4 行" in page and "第 2 行" not in page
    assert (Shelter.objects.count(), AuditEvent.objects.count()) == counts
    response = client.post(url, {"file": _xlsx(client, url, [good])})
    assert response.status_code == 302 and Shelter.objects.filter(name="城关镇一中避难场所").exists()


def test_import_refuses_files_that_are_not_the_template(client_as):
    client = client_as("yingjiban")
    not_excel = BytesIO(b"name,unit\n")
    not_excel.name = "x.xlsx"
    assert "Excel" in client.post("/places/shelters/import/", {"file": not_excel}).content.decode()
    book, buffer = Workbook(), BytesIO()
    book.active.append(["名字"])
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "x.xlsx"
    assert "模板" in client.post("/places/shelters/import/", {"file": buffer}).content.decode()


def test_import_respects_the_unit_scope(client_as):
    client = client_as("chengguan_ld")
    url = "/teams/import/"
    rows = [["城关镇抢险队", "part_time", "城关镇", "王五", "", 10, "101,104", ""],
            ["青山镇抢险队", "part_time", "青山镇", "赵六", "", 10, "101", ""]]
    page = client.post(url, {"file": _xlsx(client, url, rows)}).content.decode()
    assert "第 3 行" in page and not Team.objects.filter(name="城关镇抢险队").exists()


def test_expert_import(client_as):
    client = client_as("admin")
    url = "/teams/experts/import/"
    response = client.post(url, {"file": _xlsx(client, url, [["周专家", "高级工程师", "县水利局", "101", ""]])})
    assert response.status_code == 302 and Expert.objects.get(name="周专家").specialties == ["101"]
