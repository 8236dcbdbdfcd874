"""Excel workbooks (工作簿) in and out, safely.

In: an upload is checked as a zip before it is parsed (a decompression bomb — a small file that
unpacks to gigabytes — is refused with a clear message), and formula cells are read as their text, never
evaluated. Out: text is always written as text, so a value such as `=HYPERLINK(...)` that came in from
one person's file is never a live formula in the next person's export.
"""

import zipfile
from io import BytesIO

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell

from countydesk.base.errors import ValidationFailed


def check_zip(data) -> None:
    """Refuse a zip (xlsx, docx) whose members unpack to more than the limits in settings."""
    stream = BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValidationFailed(_("This is not a readable Excel (.xlsx) file."), fields={"file": [str(exc)[:200]]}) from exc
    stream.seek(0)
    total = sum(m.file_size for m in members)
    ratio = max((m.file_size / max(m.compress_size, 1) for m in members), default=0)
    if total > settings.MAX_UNZIPPED_BYTES or ratio > settings.MAX_ZIP_RATIO:
        raise ValidationFailed(
            _("The file unpacks to %(size)d MB (at most %(limit)d MB, compression at most %(ratio)d:1): "
              "it is refused as a possible decompression bomb.")
            % {"size": total // 2**20, "limit": settings.MAX_UNZIPPED_BYTES // 2**20, "ratio": settings.MAX_ZIP_RATIO},
            fields={"file": [_("The file unpacks too large.")]})


def sheet_rows(data, max_rows: int | None = None) -> list[tuple]:
    """The first sheet's rows as tuples of values (at most `max_rows`); a formula cell is its text."""
    check_zip(data)
    stream = BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    try:
        sheet = load_workbook(stream, read_only=True, data_only=False).worksheets[0]
        return [tuple(r) for r in sheet.iter_rows(values_only=True, max_row=max_rows)]
    except Exception as exc:  # openpyxl raises many kinds on a file that is not .xlsx
        raise ValidationFailed(_("This is not a readable Excel (.xlsx) file."), fields={"file": [str(exc)[:200]]}) from exc


def append_row(sheet, values) -> None:
    """Append `values` as a row; strings stay strings even when they begin with "=" (no formulas).

    Only the new row's cells are touched: reading the sheet's last row back (`sheet[sheet.max_row]`)
    scans every cell, which made an export of a few thousand rows take a minute."""
    sheet.append([_text_cell(sheet, v) if isinstance(v, str) and v.startswith("=") else v for v in values])


def _text_cell(sheet, value: str) -> Cell:
    cell = Cell(sheet, value=value)
    cell.data_type = "s"
    return cell


def in_every_language(label) -> set[str]:
    """A column title (a lazy translation) as it reads in each of the site's languages: an import
    recognises a template filled in under any of them."""
    words = {str(label)}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            words.add(str(label))
    return words
