"""The coverage matrix as an Excel workbook, and small display helpers shared by pages and exports."""

from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from countydesk.core.taxonomy import EVENT_TYPES
from countydesk.core.workbooks import append_row

FILING_STATES = {"ok": _("on time"), "late": _("filed late"), "overdue": _("overdue"), "pending": _("not yet due")}
CELL_LABELS = {"covered": "✓", "overdue": "!", "gap": "✗", "": ""}
CELL_FILLS = {"covered": "C8E6C9", "overdue": "FFE0B2", "gap": "FFCDD2"}


def average(drill):
    scores = [s.score for s in drill.scores.all()]
    return round(sum(scores) / len(scores), 1) if scores else ""


def coverage_xlsx(matrix) -> HttpResponse:
    response = HttpResponse(coverage_xlsx_bytes(matrix),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = content_disposition_header(True, f"plan-coverage-{stamp}.xlsx")
    return response


def coverage_xlsx_bytes(matrix) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Plan coverage"))[:31]
    append_row(sheet, [str(_("Event type")), *[u.short_name or u.name for u in matrix.units]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for code, cells in matrix.rows:
        sheet.append([f"{code} {EVENT_TYPES[code].name}", *[CELL_LABELS[c.state] for c in cells]])
        for column, cell in enumerate(cells, start=2):
            if cell.state:
                sheet.cell(sheet.max_row, column).fill = PatternFill("solid", fgColor=CELL_FILLS[cell.state])
    sheet.append([])
    sheet.append([f"✓ {_('plan in force')}  ! {_('plan overdue')}  ✗ {_('gap')}"])
    sheet.column_dimensions["A"].width = 28
    sheet.freeze_panes = "B2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def coverage_data(matrix) -> dict:
    """The matrix as plain data (the CLI's JSON): units, then per event type one cell per unit."""
    return {
        "units": [{"id": u.pk, "name": u.name, "kind": u.kind} for u in matrix.units],
        "rows": [{"code": code, "name": EVENT_TYPES[code].name,
                  "cells": [{"unit": u.name, "state": c.state, "plans": [p.pk for p in c.plans]}
                            for u, c in zip(matrix.units, cells)]}
                 for code, cells in matrix.rows],
        "gaps": matrix.gaps,
    }
