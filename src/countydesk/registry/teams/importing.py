"""Excel import for the registries (teams, experts, shelters): every bad row is reported with its row
number, and nothing is imported until the whole file is clean."""

from dataclasses import dataclass
from io import BytesIO
from typing import Any, Callable

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from countydesk.core.errors import ServiceError, ValidationFailed
from countydesk.orgs.models import Unit

MAX_ROWS = 5000


@dataclass(frozen=True)
class Col:
    header: Any  # a lazy translation: the column title in the template
    field: str
    convert: Callable[[Any], Any] = lambda v: "" if v is None else str(v).strip()


def unit_by_name(value):
    unit = Unit.objects.filter(name=str(value or "").strip()).first()
    if unit is None:
        raise ValueError(_("Unknown unit %s.") % value)
    return unit


def codes(value):
    return [c.strip() for c in str(value or "").replace("，", ",").split(",") if c.strip()]


def number(value):
    return None if value in (None, "") else float(value)


def whole(value):
    return 0 if value in (None, "") else int(value)


@dataclass(frozen=True)
class Sheet:
    columns: list[Col]
    create: Callable  # a service: create(actor, **fields)

    def template(self) -> bytes:
        book = Workbook()
        book.active.append([str(c.header) for c in self.columns])
        buffer = BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def run(self, actor, upload) -> tuple[int, list[str]]:
        """(rows imported, errors as "row N: message"); with any error nothing is imported."""
        rows = self._rows(upload)
        errors, done = [], 0
        with transaction.atomic():
            for number_, values in rows:
                try:
                    fields = {c.field: c.convert(v) for c, v in zip(self.columns, values)}
                    with transaction.atomic():
                        self.create(actor, **fields)
                    done += 1
                except (ServiceError, ValueError, TypeError) as exc:
                    errors.append(_("row %(n)s: %(message)s") % {"n": number_, "message": _message(exc)})
            if errors:
                transaction.set_rollback(True)
        return (0 if errors else done), errors

    def _rows(self, upload):
        try:
            sheet = load_workbook(upload, read_only=True, data_only=True).active
            rows = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2))
        except Exception as exc:  # openpyxl raises many kinds on a file that is not .xlsx
            raise ValidationFailed(_("This is not an Excel (.xlsx) file."), fields={"file": [str(exc)[:200]]}) from exc
        if len(rows) > MAX_ROWS + 1:
            raise ValidationFailed(_("At most %d rows at a time.") % MAX_ROWS, fields={"file": ["too many rows"]})
        header = [str(h or "").strip() for h in (rows[0] if rows else [])]
        if header[: len(self.columns)] != [str(c.header) for c in self.columns]:
            raise ValidationFailed(_("The first row must be the template's column titles."),
                                   fields={"file": [", ".join(str(c.header) for c in self.columns)]})
        return [(i, r) for i, r in enumerate(rows[1:], start=2) if any(v not in (None, "") for v in r)]


def _message(exc) -> str:
    if isinstance(exc, ServiceError):
        return "; ".join(f"{k}: {', '.join(v)}" for k, v in exc.fields.items()) or exc.message
    return str(exc)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def import_page(request, sheet: Sheet, title, filename: str, done_url: str):
    """GET ?template=1: the empty template; POST: import the file or list every bad row."""
    if request.GET.get("template"):
        return HttpResponse(sheet.template(), content_type=XLSX,
                            headers={"Content-Disposition": content_disposition_header(True, f"{filename}.xlsx")})
    errors = []
    if request.method == "POST" and request.FILES.get("file"):
        try:
            count, errors = sheet.run(request.user, request.FILES["file"])
        except ServiceError as exc:
            errors = [f"{exc.message} {' '.join(m for ms in exc.fields.values() for m in ms)}"]
        else:
            if not errors:
                messages.success(request, _("%d rows imported.") % count)
                return redirect(done_url)
    return render(request, "registry_kit/import.html", {"title": title, "errors": errors})
