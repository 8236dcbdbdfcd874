"""One kit for Excel in and out of the registry databases (五库): a database names its columns, the
service that files a row and the records an export writes; the CLI and the browser pages share it.

Import: every row goes through the app's own service in one transaction (the audit trail included);
each bad row is reported with its row number, column and reason. Nothing is kept unless every row is
valid, or `partial` keeps the valid rows; `dry_run` keeps nothing. An export's first columns are the
import template's, so an exported file imports again (read-only extras follow them).
"""

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any, Callable

from django.conf import settings
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from countydesk.accounts.scoping import has_perm
from countydesk.core.errors import Forbidden, NotFound, ServiceError, ValidationFailed

WEB_MAX_ROWS = 5000
CLI_MAX_ROWS = 200_000


# --- reading and writing cells ---

def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone number typed as a number
    if isinstance(value, datetime):
        value = value.date()
    return str(value).strip()


def whole(value) -> int:
    try:
        number = Decimal(text(value))
    except InvalidOperation:
        raise ValueError(_("Not a whole number: %s") % value) from None
    if number != number.to_integral_value():
        raise ValueError(_("Not a whole number: %s") % value)
    return int(number)


def number(value) -> float:
    try:
        return float(text(value))
    except ValueError:
        raise ValueError(_("Not a number: %s") % value) from None


def decimal(value) -> Decimal:
    try:
        return Decimal(text(value))
    except InvalidOperation:
        raise ValueError(_("Not a number: %s") % value) from None


def day(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(text(value))
    except ValueError:
        raise ValueError(_("Not a date such as 2024-06-15: %s") % value) from None


YES = {"1", "true", "yes", "y", "是", "✓", "√"}
NO = {"0", "false", "no", "n", "否", "✗", "×"}


def yes_no(value) -> bool:
    if isinstance(value, bool):
        return value
    word = text(value).lower()
    if word in YES or word in NO:
        return word in YES
    raise ValueError(_("Not yes or no: %s") % value)


def codes(value) -> list[str]:
    return [c.strip() for c in text(value).replace("，", ",").replace("、", ",").split(",") if c.strip()]


def choice(choices: type[models.TextChoices]) -> Callable[[Any], str]:
    """A code of `choices`, or its label in any of the site's languages."""

    def read(value) -> str:
        word = text(value)
        if word in choices.values:
            return word
        for code, label in choices.choices:
            if word in _in_every_language(label):
                return code
        raise ValueError(_("Unknown code %(value)s; one of: %(codes)s")
                         % {"value": word, "codes": ", ".join(choices.values)})

    return read


def lookup(queryset: Callable[[], models.QuerySet], key: str, message) -> Callable[[Any], Any]:
    """The record whose `key` is the cell's text (e.g. a unit by its name)."""

    def read(value):
        obj = queryset().filter(**{key: text(value)}).first()
        if obj is None:
            raise ValueError(message % text(value))
        return obj

    return read


def joined(values) -> str:
    return ",".join(values)


def _in_every_language(label) -> set[str]:
    words = {str(label)}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            words.add(str(label))
    return words


@dataclass(frozen=True)
class Col:
    """One column: its title (a lazy translation), the service's field, how a cell becomes the field's
    value (`read`, raising ValueError) and how a record becomes the cell (`write`, default the field)."""

    header: Any
    field: str
    read: Callable[[Any], Any] = text
    write: Callable[[Any], Any] | None = None
    required: bool = False

    def cell(self, obj):
        value = self.write(obj) if self.write else getattr(obj, self.field)
        if isinstance(value, models.Model):
            return str(value)
        if isinstance(value, (list, tuple)):
            return joined(map(str, value))
        return value


def related(attribute: str, name: str = "name") -> Callable[[Any], Any]:
    """Write a foreign key as the related record's `name` (blank when there is none)."""

    def write(obj):
        target = getattr(obj, attribute)
        return getattr(target, name) if target is not None else None

    return write


# --- the registry of databases ---

@dataclass(frozen=True)
class Database:
    name: str  # the CLI's name: teams, shelters, …
    label: Any
    columns: list[Col]
    create: Callable  # a service: create(actor, **fields)
    queryset: Callable[[], models.QuerySet]  # the whole database, for the export
    permissions: tuple[str, ...]  # holding any of them lets a user import (the service checks the unit)
    list_url: str = "/"
    visible: Callable[[Any, models.QuerySet], models.QuerySet] = lambda user, queryset: queryset
    extras: list[Col] = field(default_factory=list)  # read-only columns after the template's
    find: Callable[[dict], Any] | None = None  # the record a row's key names: that row updates it
    update: Callable | None = None  # a service: update(actor, obj, **changes)
    owner_field: str = ""  # the column a "not your unit" refusal is reported on

    def can_import(self, user) -> bool:
        return any(has_perm(user, p) for p in self.permissions)

    def header(self, field_name: str) -> str:
        return next((str(c.header) for c in self.columns if c.field == field_name), "")

    def save(self, actor, fields: dict):
        existing = self.find(fields) if self.find else None
        if existing is not None:
            return self.update(actor, existing, **fields)
        return self.create(actor, **fields)

    def template(self) -> bytes:
        return _workbook(self.label, self.columns, [])

    def export(self, user=None) -> tuple[bytes, int]:
        """The whole database (what `user` may see, when given) as .xlsx, and its number of rows."""
        queryset = self.queryset()
        if user is not None:
            queryset = self.visible(user, queryset)
        rows = list(queryset)
        return _workbook(self.label, [*self.columns, *self.extras], rows), len(rows)


DATABASES: dict[str, Database] = {}


def register_database(name: str, **kwargs) -> Database:
    DATABASES[name] = Database(name, **kwargs)
    return DATABASES[name]


def get_database(name: str) -> Database:
    if name not in DATABASES:
        raise NotFound(_("No database %(name)s; one of: %(names)s") % {"name": name, "names": ", ".join(DATABASES)})
    return DATABASES[name]


# --- the import ---

@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str


@dataclass
class Report:
    database: str
    file: str
    dry_run: bool = False
    partial: bool = False
    rows_read: int = 0
    rows_valid: int = 0
    rows_imported: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def bad_rows(self) -> list[int]:
        return sorted({e.row for e in self.errors})

    def as_dict(self) -> dict:
        data = asdict(self)
        data["bad_rows"] = self.bad_rows
        return data


def run_import(database: Database, actor, upload, *, dry_run=False, partial=False, filename="",
               max_rows=WEB_MAX_ROWS) -> Report:
    """Read `upload` (a path or a file) and file each row through the database's service.

    A file that is not the template raises ValidationFailed; bad rows are in the report."""
    rows = read_rows(database, upload, max_rows)
    report = Report(database.name, filename or str(getattr(upload, "name", upload)), dry_run, partial, len(rows))
    with transaction.atomic():
        for number_, cells in rows:
            errors = _import_row(database, actor, number_, cells)
            report.errors.extend(errors)
            report.rows_valid += not errors
        if dry_run or (report.errors and not partial):
            transaction.set_rollback(True)
        else:
            report.rows_imported = report.rows_valid
    return report


def _import_row(database: Database, actor, number_: int, cells: list[tuple[Col, Any]]) -> list[RowError]:
    errors, fields = [], {}
    for col, value in cells:
        if blank(value):
            if col.required:
                errors.append(RowError(number_, str(col.header), _("Required.")))
            continue
        try:
            fields[col.field] = col.read(value)
        except (ValueError, TypeError, ServiceError) as exc:
            errors.append(RowError(number_, str(col.header), _reason(exc)))
    if errors:
        return errors
    try:
        with transaction.atomic():
            database.save(actor, fields)
    except ServiceError as exc:
        return _service_errors(database, number_, exc)
    except (ValueError, TypeError) as exc:
        return [RowError(number_, "", str(exc))]
    return []


def _service_errors(database: Database, number_: int, exc: ServiceError) -> list[RowError]:
    if isinstance(exc, Forbidden) or not exc.fields:
        column = database.header(database.owner_field) if isinstance(exc, Forbidden) else ""
        return [RowError(number_, column, exc.message)]
    return [RowError(number_, database.header(name.split(".")[0]) or ("" if name == "__all__" else name),
                     "; ".join(map(str, messages)))
            for name, messages in exc.fields.items()]


def _reason(exc) -> str:
    if isinstance(exc, ServiceError):
        return "; ".join(m for ms in exc.fields.values() for m in map(str, ms)) or exc.message
    return str(exc)


def read_rows(database: Database, upload, max_rows: int) -> list[tuple[int, list[tuple[Col, Any]]]]:
    """(row number, [(column, cell)]) of every non-empty row; the columns are found by their titles
    (in any of the site's languages, or the field's name), in any order; other columns are ignored."""
    try:
        sheet = load_workbook(upload, read_only=True, data_only=True).active
        rows = list(sheet.iter_rows(values_only=True, max_row=max_rows + 2))
    except Exception as exc:  # openpyxl raises many kinds on a file that is not .xlsx
        raise ValidationFailed(_("This is not an Excel (.xlsx) file."), fields={"file": [str(exc)[:200]]}) from exc
    if len(rows) > max_rows + 1:
        raise ValidationFailed(_("At most %d rows at a time.") % max_rows, fields={"file": [_("Too many rows.")]})
    header = [text(h) if not blank(h) else "" for h in (rows[0] if rows else [])]
    positions = []
    for col in database.columns:
        names = _in_every_language(col.header) | {col.field}
        position = next((i for i, h in enumerate(header) if h in names), None)
        if position is None:
            raise ValidationFailed(_("The first row must be the template's column titles."),
                                   fields={"file": [", ".join(str(c.header) for c in database.columns)]})
        positions.append((col, position))
    found = []
    for number_, row in enumerate(rows[1:], start=2):
        if all(blank(v) for v in row):
            continue
        found.append((number_, [(col, row[i] if i < len(row) else None) for col, i in positions]))
    return found


def _workbook(title, columns: list[Col], rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = str(title)[:31]
    sheet.append([str(c.header) for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(c.cell(row)) for c in columns])
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = max(10, len(str(column.header)) * 2 + 2)
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value):
    if value is None or isinstance(value, (bool, int, float, Decimal, date)):
        return value
    return str(value)
