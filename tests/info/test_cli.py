"""`countydesk info` for scripts: the latest product as .docx, the ranking as .xlsx."""

from io import BytesIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_export_latest_product(tmp_path, capsys):
    target = tmp_path / "latest.docx"
    call_command("info", "export-product", "--latest", "-o", str(target))
    doc = Document(BytesIO(target.read_bytes()))
    assert doc.paragraphs[0].text == "政务信息快报" and "年第" in doc.paragraphs[1].text
    assert '"articles": 2' in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("info", "export-product", "--periodical", "政务信息快报", "--year", "2026", "--number", "99",
                     "-o", str(target))


def test_yearly_ranking_as_a_spreadsheet(tmp_path):
    target = tmp_path / "ranking.xlsx"
    call_command("info", "ranking", "--year", "2026", "-o", str(target))
    rows = list(load_workbook(BytesIO(target.read_bytes())).active.iter_rows(values_only=True))
    assert len(rows) > 10 and rows[1][0] == 1
    with pytest.raises(CommandError):
        call_command("info", "ranking", "--year", "2026", "--month", "13", "-o", str(target))


def test_quarterly_ranking_covers_three_months(api_as):
    from countydesk.info.api import period_bounds
    from datetime import date

    assert period_bounds(2026, None, 2) == (date(2026, 4, 1), date(2026, 6, 30))
    response = api_as("xinxike").get("/api/info/rankings?year=2026&quarter=4")
    assert response.status_code == 200 and isinstance(response.json(), list)
    assert api_as("xinxike").get("/api/info/rankings?year=2026&quarter=5").status_code == 422


def test_circular_and_quota_shortfalls(client_as):
    from countydesk.info.models import QuotaRule

    assert QuotaRule.objects.filter(unit_kind="township", per="month", minimum=8).exists()
    client = client_as("xinxike")
    page = client.get("/info/rankings/?year=2026&month=11").content.decode()
    assert "未完成报送任务的单位" in page
    response = client.get("/info/rankings/?year=2026&quarter=4&format=docx")
    doc = Document(BytesIO(response.content))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "政务信息工作通报" and any("全县政务信息工作情况的通报" in t for t in texts)
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert header == ["名次", "单位", "采用条数", "得分", "扣分事项"] and len(doc.tables[0].rows) > 10
    assert len(doc.tables) == 2  # the demo's townships do not all send 24 items a quarter


def test_timeliness_page_charts_monthly_counts(client_as):
    page = client_as("xinxike").get("/info/timeliness/").content.decode()
    assert "每月报送信息数量" in page and page.count("<svg") >= 2
