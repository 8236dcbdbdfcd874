"""Reading a CSV or Excel file of intakes: every bad row reported with its row number, nothing taken until clean."""

import csv
import io
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countydesk.base.errors import ValidationFailed
from countydesk.core.workbooks import in_every_language, sheet_rows

from . import rules
from .schemas import IntakeIn, intake_data
from .services import IntakeData

# The file's columns: a title in any of the site's languages, or the API's field name, names each.
COLUMNS = {
    "external_id": gettext_lazy("External number"), "occurred_at": gettext_lazy("Occurred at"), "received_at": gettext_lazy("Received at"),
    "lat": gettext_lazy("Latitude"), "lon": gettext_lazy("Longitude"), "address": gettext_lazy("Address"),
    "category_hint": gettext_lazy("Category hint"), "description": gettext_lazy("Description"), "caller_name": gettext_lazy("Caller"),
    "caller_phone": gettext_lazy("Caller phone"),
}


def column_titles() -> str:
    return "、".join(str(title) for title in COLUMNS.values())


def _field(title: str) -> str:
    title = title.strip()
    return next((name for name, label in COLUMNS.items() if title in in_every_language(label)), title)


def _rows(name: str, content: bytes) -> list[dict]:
    if name.lower().endswith(".xlsx"):
        rows = sheet_rows(content)
        header = [_field(str(h or "")) for h in rows[0]] if rows else []
        return [{k: v for k, v in zip(header, row) if k and v not in (None, "")} for row in rows[1:]]
    text = content.decode("utf-8-sig")
    return [{_field(k): v for k, v in row.items() if k and v not in (None, "")} for row in csv.DictReader(io.StringIO(text))]


def _cell(value):
    """Excel times carry no offset: they are read as local time (Asia/Shanghai)."""
    if isinstance(value, datetime):
        return (timezone.make_aware(value) if timezone.is_naive(value) else value).isoformat()
    return value


def read_intakes(name: str, content: bytes) -> list[IntakeData]:
    """The file's rows as intakes, or ValidationFailed whose fields name each bad row ("row 3": [...])."""
    try:
        rows = _rows(name, content)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is one clear error
        raise ValidationFailed(_("The file cannot be read as CSV or Excel."), fields={"file": [str(exc)[:200]]}) from exc
    max_rows = rules.import_max_rows()
    if not rows or len(rows) > max_rows:
        raise ValidationFailed(_("The file must hold between 1 and %d rows.") % max_rows, fields={"file": [_("Bad size.")]})
    result, errors = [], {}
    for number, row in enumerate(rows, start=2):
        row = {k: _cell(v) for k, v in row.items()}
        row.setdefault("external_id", f"row-{number}")
        try:
            result.append(intake_data(IntakeIn, row))
        except ValidationFailed as exc:
            errors[_("row %d") % number] = [f"{COLUMNS.get(field, field)}: {'; '.join(msgs)}"
                                            for field, msgs in exc.fields.items()]
    if errors:
        raise ValidationFailed(_("%d rows have errors; nothing was imported.") % len(errors), fields=errors)
    return result
