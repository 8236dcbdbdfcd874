"""Lists as people expect them: filtered, exported to Excel, printed. One helper for every list."""

import re
from dataclasses import dataclass
from io import BytesIO
from typing import Any, Callable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font

from countydesk.core.workbooks import append_row
from countydesk.orgs.privacy import ContactView


# Characters Excel refuses in a sheet's name (a title such as 物资/装备目录 would make the export fail).
SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")


@dataclass(frozen=True)
class Column:
    title: Any  # a lazy translation
    value: Callable[[Any], Any]

    def for_viewer(self, user) -> "Column":
        """The column as `user` reads it (a contact column masks what the user may not read)."""
        return self


@dataclass(frozen=True)
class ContactColumn(Column):
    """A phone number of a person outside the viewer's unit: masked unless the viewer may read it
    (orgs.privacy). `unit_id(row)` is the unit the person belongs to."""

    unit_id: Callable[[Any], Any] = lambda row: row.unit_id

    def for_viewer(self, user) -> Column:
        view = ContactView.of(user)
        return Column(self.title, lambda row: view.phone(self.unit_id(row), self.value(row)))


def for_viewer(columns: list[Column], user) -> list[Column]:
    return [column.for_viewer(user) for column in columns]


def xlsx_response(title: str, columns: list[Column], rows, filename: str) -> HttpResponse:
    """An .xlsx of `rows` with a bold header row; the file name carries the local date."""
    response = HttpResponse(
        xlsx_bytes(title, columns, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}-{stamp}.xlsx")
    return response


def xlsx_bytes(title: str, columns: list[Column], rows) -> bytes:
    return sheet_bytes(title, [c.title for c in columns], ([_cell(c.value(row)) for c in columns] for row in rows))


def sheet_bytes(title, headers: list, value_rows, *, extra_width: int = 4, freeze_header: bool = False) -> bytes:
    """One sheet: a bold header row, then `value_rows` as given; columns as wide as their titles."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE_FORBIDDEN.sub("、", str(title))[:31]
    sheet.append([str(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in value_rows:
        append_row(sheet, values)
    for i, header in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = max(10, len(str(header)) * 2 + extra_width)
    if freeze_header:
        sheet.freeze_panes = "A2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    return value if isinstance(value, (int, float)) else str(value)
