"""The census workbook (普查表): the template a unit downloads and the row-by-row check of what it uploads.

Columns follow DOMAIN.md §5; equipment rows also need model, purchase date and production date.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from countydesk.base.errors import ValidationFailed
from countydesk.core.workbooks import append_row, sheet_rows
from countydesk.orgs.models import CODE_RE

COLUMNS = [
    ("name", gettext_lazy("Name of the item")),
    ("category", gettext_lazy("Category code (GB/T 38565)")),
    ("owner", gettext_lazy("Unit owning it")),
    ("division_code", gettext_lazy("Division code (GB/T 2260)")),
    ("contact", gettext_lazy("Person in charge, phone")),
    ("uom", gettext_lazy("Measuring unit")),
    ("quantity", gettext_lazy("Amount")),
    ("address", gettext_lazy("Storage address")),
    ("description", gettext_lazy("Description of the item")),
    ("supervisor", gettext_lazy("Competent department")),
    ("model", gettext_lazy("Model / specification")),
    ("purchase_date", gettext_lazy("Date of purchase")),
    ("production_date", gettext_lazy("Date of manufacture")),
]
KEYS = [key for key, _title in COLUMNS]
REQUIRED = ["name", "category", "division_code", "contact", "uom", "quantity", "address", "supervisor"]
EQUIPMENT_REQUIRED = ["model", "purchase_date", "production_date"]
CONTACT_RE = re.compile(r"^(?P<name>.*?)[\s,，:：;；/]*(?P<phone>[0-9+\-() ]{7,30})$")


class BadWorkbook(Exception):
    """The file is not a census workbook at all (not .xlsx, wrong columns)."""


@dataclass
class Checked:
    rows_total: int
    good: list[dict]
    errors: list[dict]


def template(items, unit, max_rows: int) -> bytes:
    """The census workbook: headers, a code list sheet and a drop-down of category codes on `max_rows` rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Census")
    append_row(sheet, [str(title) for _key, title in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for i in range(1, len(COLUMNS) + 1):
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = 18
    codes = book.create_sheet(_("Category codes"))
    codes.append([_("Code"), str(COLUMNS[0][1]), str(COLUMNS[5][1]), _("Equipment")])
    for item in items:
        append_row(codes, [item.code, item.name, item.unit_of_measure, _("yes") if item.is_equipment else ""])
    rule = DataValidation(type="list", formula1=f"'{codes.title}'!$A$2:$A${len(items) + 1}", allow_blank=True,
                          showErrorMessage=True, error=_("Choose a category code from the list."))
    sheet.add_data_validation(rule)
    rule.add(f"B2:B{max_rows + 1}")
    book.properties.title = _("Census of emergency supplies: %s") % unit.name
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _headers(lang: str) -> list[str]:
    with translation.override(lang):
        return [str(title) for _key, title in COLUMNS]


def read_rows(data: bytes, max_rows: int) -> list[tuple[int, dict]]:
    """(row number, raw values by key) of every non-empty data row; BadWorkbook if it is not our template or holds
    more than `max_rows`."""
    try:
        rows = iter(sheet_rows(data))
    except ValidationFailed as exc:
        raise BadWorkbook(exc.message) from exc
    header = [str(v).strip() if v is not None else "" for v in next(rows, ())][: len(COLUMNS)]
    if header not in (_headers("zh-hans"), _headers("en")):
        raise BadWorkbook(_("The first row does not hold the census template's column titles."))
    found = []
    for number, values in enumerate(rows, start=2):
        values = list(values[: len(COLUMNS)]) + [None] * (len(COLUMNS) - len(values))
        if any(v not in (None, "") for v in values):
            found.append((number, dict(zip(KEYS, values))))
        if len(found) > max_rows:
            raise BadWorkbook(_("The file has more than %d rows.") % max_rows)
    return found


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(_text(value).replace("/", "-").replace(".", "-"))


def _quantity(value) -> Decimal:
    quantity = Decimal(_text(value))
    if not quantity.is_finite() or quantity <= 0 or quantity.as_tuple().exponent < -3 or quantity >= 10**11:
        raise InvalidOperation
    return quantity


class RowChecker:
    """Checks one unit's rows against the catalogue; knows the items, unit names and today."""

    def __init__(self, unit, items_by_code: dict, unit_names: set[str], today: date):
        self.unit, self.items, self.unit_names, self.today = unit, items_by_code, unit_names, today
        self.titles = dict((key, str(title)) for key, title in COLUMNS)

    def check(self, rows: list[tuple[int, dict]]) -> Checked:
        good, errors = [], []
        for number, raw in rows:
            row_errors, clean = self._row(raw)
            errors += [{"row": number, "column": self.titles[key], "message": msg} for key, msg in row_errors]
            if not row_errors:
                good.append(clean | {"row": number})
        return Checked(len(rows), good, errors)

    def _row(self, raw: dict):
        values = {key: _text(raw[key]) for key in KEYS}
        errors = [(key, _("Required.")) for key in REQUIRED if not values[key]]
        item = self.items.get(values["category"])
        if values["category"] and item is None:
            errors.append(("category", _("Unknown category code %s.") % values["category"]))
        if item is not None:
            errors += [(key, _("Required for equipment.")) for key in EQUIPMENT_REQUIRED
                       if item.is_equipment and not values[key]]
            if values["uom"] and values["uom"] != item.unit_of_measure:
                errors.append(("uom", _("The unit of measure of %(item)s is %(uom)s.")
                               % {"item": item.name, "uom": item.unit_of_measure}))
        clean = {"item_id": item.pk if item else None}
        errors += self._formats(values, raw, clean)
        return errors, clean | {k: values[k] for k in ("name", "address", "description", "supervisor", "model",
                                                       "division_code")}

    def _formats(self, values: dict, raw: dict, clean: dict) -> list:
        errors = []
        if values["owner"] and values["owner"] not in (self.unit.name, self.unit.short_name):
            errors.append(("owner", _("This file belongs to %s.") % self.unit.name))
        if values["division_code"] and not CODE_RE.match(values["division_code"]):
            errors.append(("division_code", _("A division code has 6, 9 or 12 digits (GB/T 2260).")))
        contact = CONTACT_RE.match(values["contact"])
        if values["contact"] and not (contact and contact["name"]):
            errors.append(("contact", _("Write the name and then the phone number, e.g. 张伟 13800000000.")))
        elif contact:
            clean |= {"manager": contact["name"].strip(), "phone": contact["phone"].strip()}
        if values["supervisor"] and values["supervisor"] not in self.unit_names:
            errors.append(("supervisor", _("No unit named %s.") % values["supervisor"]))
        try:
            clean["quantity"] = str(_quantity(raw["quantity"])) if values["quantity"] else None
        except (InvalidOperation, ValueError):
            errors.append(("quantity", _("Enter a positive number with at most three decimals.")))
        return errors + self._dates(values, raw, clean)

    def _dates(self, values: dict, raw: dict, clean: dict) -> list:
        errors = []
        for key in ("purchase_date", "production_date"):
            try:
                clean[key] = _date(raw[key]).isoformat() if values[key] else None
            except ValueError:
                errors.append((key, _("Enter a date as YYYY-MM-DD.")))
                continue
            if clean[key] and clean[key] > self.today.isoformat():
                errors.append((key, _("The date lies in the future.")))
        bought, made = clean.get("purchase_date"), clean.get("production_date")
        if bought and made and bought < made:
            errors.append(("purchase_date", _("Bought before it was made?")))
        return errors
