"""`countydesk import|export <database>` and `countydesk plans coverage`: round trips, per-row reports,
all or nothing, --partial, --dry-run."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from countydesk.audit.models import AuditEvent
from countydesk.registry.sheets.kit import DATABASES
from countydesk.registry.plans import analysis
from countydesk.registry.places.models import Shelter
from countydesk.registry.supplies.models import BatchBalance, StockLevel, StockMovement
from countydesk.registry.supplies.services import ledger_mismatches

pytestmark = pytest.mark.django_db

REQUIRED = {"plans", "teams", "volunteers", "experts", "depots", "supplies", "stock", "hazards", "shelters", "targets",
            "cases"}


def run(*args) -> tuple[dict, bool]:
    """(the printed JSON, whether the command exited successfully)."""
    out = StringIO()
    try:
        call_command(*args, stdout=out)
        ok = True
    except CommandError:
        ok = False
    return json.loads(out.getvalue()), ok


def export(tmp_path, name):
    path = tmp_path / f"{name}.xlsx"
    summary, ok = run("export", name, "-o", str(path))
    assert ok and summary["file"] == str(path)
    return path, summary["rows"]


def rows_of(path):
    return [list(r) for r in load_workbook(path).active.iter_rows(values_only=True)]


def write(path, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_every_required_database_is_registered():
    assert REQUIRED <= set(DATABASES)


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_export_reimports_cleanly(tmp_path, name):
    """The export is the import template plus read-only extras: a dry run of it finds every row valid."""
    path, count = export(tmp_path, name)
    rows = rows_of(path)
    database = DATABASES[name]
    assert rows[0][:len(database.columns)] == [str(c.header) for c in database.columns]
    assert count == len(rows) - 1 > 0
    audit = AuditEvent.objects.count()
    report, ok = run("import", name, str(path), "--dry-run")
    assert [e for e in report["errors"]] == [] and ok
    assert report["rows_read"] == report["rows_valid"] == count and report["rows_imported"] == 0
    assert AuditEvent.objects.count() == audit


def _shelter_rows(tmp_path):
    path, _count = export(tmp_path, "shelters")
    header, first, *_ = rows_of(path)
    good = list(first)
    good[0] = "新建避难场所甲"
    bad_unit = list(first)
    bad_unit[0], bad_unit[1] = "坏单位", "不存在的单位"
    bad_capacity = list(first)
    bad_capacity[0], bad_capacity[2] = "坏容量", "很多"
    good2 = list(first)
    good2[0] = "新建避难场所乙"
    for row in (good, bad_unit, bad_capacity, good2):
        row[-1] = None  # an empty ID: new records
    return write(tmp_path / "mixed.xlsx", [header, good, bad_unit, good2, bad_capacity]), header


def test_two_bad_rows_are_reported_and_nothing_is_imported(tmp_path):
    path, header = _shelter_rows(tmp_path)
    counts = Shelter.objects.count(), AuditEvent.objects.count()
    report, ok = run("import", "shelters", str(path))
    assert not ok
    assert set(report) >= {"database", "file", "rows_read", "rows_valid", "rows_imported", "dry_run", "partial",
                           "errors", "bad_rows"}
    assert (report["rows_read"], report["rows_valid"], report["rows_imported"]) == (4, 2, 0)
    assert report["bad_rows"] == [3, 5]
    assert [(e["row"], e["column"]) for e in report["errors"]] == [(3, header[1]), (5, header[2])]
    assert "不存在的单位" in report["errors"][0]["reason"] and "很多" in report["errors"][1]["reason"]
    assert (Shelter.objects.count(), AuditEvent.objects.count()) == counts


def test_partial_imports_the_valid_rows(tmp_path):
    path, _header = _shelter_rows(tmp_path)
    report, ok = run("import", "shelters", str(path), "--partial")
    assert not ok and report["rows_imported"] == 2 and report["bad_rows"] == [3, 5]
    assert set(Shelter.objects.filter(name__startswith="新建避难场所").values_list("name", flat=True)) == {
        "新建避难场所甲", "新建避难场所乙"}
    assert AuditEvent.objects.filter(action="shelter.create", actor__isnull=True).count() >= 2


def test_dry_run_of_a_clean_file_imports_nothing_then_the_import_does(tmp_path):
    path, _header = _shelter_rows(tmp_path)
    rows = rows_of(path)
    clean = write(tmp_path / "clean.xlsx", [rows[0], rows[1], rows[3]])
    report, ok = run("import", "shelters", str(clean), "--dry-run")
    assert ok and report["rows_valid"] == 2 and report["rows_imported"] == 0
    assert not Shelter.objects.filter(name__startswith="新建避难场所").exists()
    report, ok = run("import", "shelters", str(clean))
    assert ok and report["rows_imported"] == 2
    assert Shelter.objects.filter(name__startswith="新建避难场所").count() == 2


def test_stock_receipts_go_through_the_ledger(tmp_path):
    path, _count = export(tmp_path, "stock")
    header, first, *_ = rows_of(path)
    balance = BatchBalance.objects.get(depot__name=first[0], batch__item__code=first[1], batch__batch_no=first[2])
    level = StockLevel.objects.get(depot=balance.depot, item=balance.item).quantity
    movements = StockMovement.objects.count()
    receipt = list(first)
    receipt[5], receipt[-1] = 7, None  # an empty ID: a new receipt (a row with an ID is a balance, left as is)
    report, ok = run("import", "stock", str(write(tmp_path / "r.xlsx", [header, receipt])))
    assert ok and report["rows_imported"] == 1
    balance.refresh_from_db()
    assert StockMovement.objects.count() == movements + 1
    assert StockLevel.objects.get(depot=balance.depot, item=balance.item).quantity == level + 7
    assert ledger_mismatches() == []


def test_depots_and_items_with_a_known_key_are_updated(tmp_path):
    path, _count = export(tmp_path, "depots")
    header, first, *_ = rows_of(path)
    changed = list(first)
    changed[header.index(DATABASES["depots"].header("manager"))] = "新管理员"
    from countydesk.registry.supplies.models import Depot

    before = Depot.objects.count()
    report, ok = run("import", "depots", str(write(tmp_path / "d.xlsx", [header, changed])))
    assert ok and Depot.objects.count() == before and Depot.objects.get(name=first[0]).manager == "新管理员"
    assert AuditEvent.objects.filter(action="depot.update").exists()


def test_a_file_that_is_not_the_template_is_refused(tmp_path):
    report, ok = run("import", "teams", str(write(tmp_path / "x.xlsx", [["名字"], ["张三"]])))
    assert not ok and "file" in report["fields"]


def test_plans_coverage_json_matches_the_analysis():
    report, ok = run("plans", "coverage", "--format", "json")
    matrix = analysis.coverage()
    assert ok and report["gaps"] == matrix.gaps
    assert [u["id"] for u in report["units"]] == [u.pk for u in matrix.units]
    assert [(r["code"], [c["state"] for c in r["cells"]]) for r in report["rows"]] == [
        (code, [c.state for c in cells]) for code, cells in matrix.rows]


def test_plans_coverage_xlsx(tmp_path):
    out = tmp_path / "coverage.xlsx"
    summary, ok = run("plans", "coverage", "--format", "xlsx", "-o", str(out))
    rows = rows_of(out)
    assert ok and summary["gaps"] == analysis.coverage().gaps
    assert len(rows[0]) == 1 + len(analysis.coverage().units)


def test_in_batches_a_bad_row_in_a_later_batch_still_imports_nothing(tmp_path, settings):
    """Written in batches of one row (core.batches), the check pass still finds row 5 before anything is kept."""
    settings.IMPORT_BATCH_ROWS = 1
    path, _header = _shelter_rows(tmp_path)
    counts = Shelter.objects.count(), AuditEvent.objects.count()
    report, ok = run("import", "shelters", str(path))
    assert not ok and report["bad_rows"] == [3, 5] and report["rows_imported"] == 0
    assert (Shelter.objects.count(), AuditEvent.objects.count()) == counts
    rows = rows_of(path)
    err = StringIO()
    call_command("import", "shelters", str(write(tmp_path / "clean.xlsx", [rows[0], rows[1], rows[3]])),
                 stdout=StringIO(), stderr=err)
    assert Shelter.objects.filter(name__startswith="新建避难场所").count() == 2
    assert "checked 2/2 rows" in err.getvalue() and "written 2/2 rows" in err.getvalue()
