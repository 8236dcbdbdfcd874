"""Choices travel through Excel as their Chinese labels: exports and templates write 综合救援队, not
comprehensive; imports read the labels back (and still the codes, and the old "(代码)" column titles);
an unknown value is refused naming the Chinese choices."""

from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from countydesk.registry.sheets.kit import get_database, run_import
from countydesk.registry.teams.choices import Readiness, TeamKind
from countydesk.registry.teams.models import Team

pytestmark = pytest.mark.django_db


def _sheet(data: bytes) -> list[list]:
    return [list(r) for r in load_workbook(BytesIO(data)).active.iter_rows(values_only=True)]


def _file(header, rows) -> BytesIO:
    book = Workbook()
    for row in [header, *rows]:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def _field(database, title):
    return next((c.field for c in database.columns if str(c.header) == title), None)


def test_the_teams_export_writes_the_chinese_labels(user):
    data, count = get_database("teams").export(user("admin"))
    header, *rows = _sheet(data)
    kind, readiness = header.index("类型"), header.index("战备状态")
    assert count == Team.objects.count() and rows
    assert {r[kind] for r in rows} <= {str(label) for label in TeamKind.labels}
    assert {r[readiness] for r in rows} <= {str(label) for label in Readiness.labels}
    assert "comprehensive" not in {r[kind] for r in rows} and "ready" not in {r[readiness] for r in rows}


def test_the_import_reads_labels_and_codes_and_names_the_chinese_choices(user):
    database = get_database("teams")
    header = _sheet(database.template())[0]
    unit = Team.objects.select_related("unit").first().unit.name

    def row(name, kind, readiness):
        values = {"name": name, "kind": kind, "unit": unit, "headcount": 5, "readiness": readiness}
        return [values.get(_field(database, title), "") for title in header]

    labelled = row("标签导入队", str(TeamKind.COMPREHENSIVE.label), str(Readiness.PARTLY.label))
    coded = row("代码导入队", "professional", "ready")
    report = run_import(database, user("admin"), _file(header, [labelled, coded]), dry_run=True)
    assert report.errors == [] and report.created == 2

    wrong = run_import(database, user("admin"), _file(header, [row("错值队", "professional", "ready?")]), dry_run=True)
    [error] = wrong.errors
    assert error.column == "战备状态" and "可选：" in error.reason
    assert all(str(label) in error.reason for label in Readiness.labels) and "not_ready" not in error.reason


def test_a_template_filled_with_the_old_code_titles_still_imports(user):
    database = get_database("teams")
    header = ["类别代码" if t == "类型" else "战备状态（代码）" if t == "战备状态" else t
              for t in _sheet(database.template())[0]]
    unit = Team.objects.select_related("unit").first().unit.name
    values = {"队伍": "旧模板队", "类别代码": "volunteer", "所属单位": unit, "人数": 3, "战备状态（代码）": "ready"}
    report = run_import(database, user("admin"), _file(header, [[values.get(t, "") for t in header]]), dry_run=True)
    assert report.errors == [] and report.created == 1
