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
