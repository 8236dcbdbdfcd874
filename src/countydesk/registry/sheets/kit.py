"""One kit for Excel in and out of the registry databases (五库): a database names its columns, the
service that files a row and the records an export writes; the CLI and the browser pages share it.

Import: every row goes through the app's own service (the audit trail included), in short transactions
(see run_import); each bad row is reported with its row number, column and reason. Nothing is kept unless
every row is valid, or `partial` keeps the valid rows; `dry_run` keeps nothing. An export's first columns are the
import template's, so an exported file imports again (read-only extras follow them); its last column
is the record's identity (编号 / ID, the primary key).

Round trip: a row whose ID names a record the user may see updates that record through the app's
update service, but only with the cells that differ from it (a row equal to its record writes nothing
and is counted unchanged); an ID the user cannot see is a bad row; a row with an empty ID creates a
record (or, where the database has a natural key such as a catalogue item's code, updates the record
that key names). A database without an update service (the append-only stock ledger) refuses changed
rows with its reason and counts equal rows unchanged.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countydesk.accounts.scoping import has_perm, scope
from countydesk.base.errors import Forbidden, NotFound, ServiceError, ValidationFailed
from countydesk.core.batches import write_in_batches
from countydesk.core.ui.tables import sheet_bytes
from countydesk.core.workbooks import in_every_language, sheet_rows
from countydesk.orgs.models import Unit
from countydesk.orgs.privacy import ContactView, is_masked

from . import rules


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
    """A label of `choices` in any of the site's languages, or its code."""

    def read(value) -> str:
        word = text(value)
        if word in choices.values:
            return word
        for code, label in choices.choices:
            if word in in_every_language(label):
                return code
        raise ValueError(_("Unknown value %(value)s; one of: %(labels)s")
                         % {"value": word, "labels": "、".join(str(label) for label in choices.labels)})

    return read


def choice_label(attribute: str, choices: type[models.TextChoices]) -> Callable[[Any], Any]:
    """Write a choice as its label (类型: 综合救援队, not comprehensive); `choice` reads it back."""

    def write(obj):
        value = getattr(obj, attribute)
        return str(choices(value).label) if value in choices.values else value

    return write


def lookup(queryset: Callable[[], models.QuerySet], key: str, message) -> Callable[[Any], Any]:
    """The record whose `key` is the cell's text (e.g. a unit by its name)."""

    def read(value):
        memo = _LOOKUPS.get()
        if memo is None or (read, text(value)) not in memo:
            obj = queryset().filter(**{key: text(value)}).first()
            if memo is not None:
                memo[read, text(value)] = obj
        else:
            obj = memo[read, text(value)]
        if obj is None:
            raise ValueError(message % text(value))
        return obj

    return read


_LOOKUPS: ContextVar[dict | None] = ContextVar("sheets_lookups", default=None)


@contextmanager
def remembered_lookups():
    """Within an import each `lookup` asks the database once per distinct cell (a unit's name, …)."""
    token = _LOOKUPS.set({})
    try:
        yield
    finally:
        _LOOKUPS.reset(token)


def joined(values) -> str:
    return ",".join(values)


@dataclass(frozen=True)
class Col:
    """One column: its title (a lazy translation), the service's field, how a cell becomes the field's
    value (`read`, raising ValueError) and how a record becomes the cell (`write`, default the field)."""

    header: Any
    field: str
    read: Callable[[Any], Any] = text
    write: Callable[[Any], Any] | None = None
    required: bool = False
    contact: bool = False  # a person's phone: exported masked to users who may not read it (orgs.privacy)
    aliases: tuple = ()  # earlier titles of the column, still read (templates filled before a rename)

    @classmethod
    def of_choice(cls, header, field_name: str, choices: type[models.TextChoices], **kwargs) -> "Col":
        """A column of a TextChoices field: written as labels, read as labels or codes."""
        return cls(header, field_name, choice(choices), write=choice_label(field_name, choices), **kwargs)

    def titles(self) -> set[str]:
        """The titles an import recognises: the header and its aliases in every language, the field's name."""
        return {word for title in (self.header, *self.aliases) for word in in_every_language(title)} | {self.field}

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

KEY = Col(gettext_lazy("ID"), "id", whole, write=lambda obj: obj.pk)  # the last column: the record's identity
BLANK = object()  # an empty cell
UNREADABLE = object()  # a record's value its column cannot read back: differs from any cell


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
    find: Callable[[dict], Any] | None = None  # a natural key: the record a row without an ID names
    update: Callable | None = None  # a service: update(actor, obj, **changes)
    refuse_changes: Any = None  # without `update`: why a changed row of an existing record is refused
    owner_field: str = ""  # the column a "not your unit" refusal is reported on

    def can_import(self, user) -> bool:
        return any(has_perm(user, p) for p in self.permissions)

    def header(self, field_name: str) -> str:
        return next((str(c.header) for c in [*self.columns, KEY] if c.field == field_name), "")

    def records(self, user, pks) -> dict:
        """The records these IDs name that `user` may see, by ID."""
        return self.visible(user, self.queryset()).in_bulk(list(pks)) if pks else {}

    def changes(self, obj, values: dict) -> dict:
        """The cells of a row (field → value or BLANK) that differ from `obj`, as the update's changes;
        an empty cell clears the field (to the value a new record would get)."""
        found = {}
        for col in self.columns:
            value = values[col.field]
            if col.contact and is_masked(value):
                continue  # the masked number of an export read back in: the record's own number, unchanged
            if value != _current(col, obj):
                found[col.field] = _empty(obj, col.field) if value is BLANK else value
        return found

    def template(self) -> bytes:
        return _workbook(self.label, [*self.columns, KEY], [])

    def export(self, user=None) -> tuple[bytes, int]:
        """The whole database (what `user` may see, when given) as .xlsx, and its number of rows."""
        queryset = self.queryset()
        if user is not None:
            queryset = self.visible(user, queryset)
        rows = list(queryset)
        columns = [*self.columns, *self.extras, KEY]
        if user is not None:
            columns = [self._masked(col, user) if col.contact else col for col in columns]
        return _workbook(self.label, columns, rows), len(rows)

    def _masked(self, col: Col, user) -> Col:
        view = ContactView.of(user)
        owner = f"{self.owner_field}_id"
        return replace(col, write=lambda obj: view.phone(getattr(obj, owner), col.cell(obj)))


def _current(col: Col, obj):
    """`obj`'s value in `col` as an import reads it back from its own export."""
    try:
        cell = _cell(col.cell(obj))
        return BLANK if blank(cell) else col.read(cell)
    except (ValueError, TypeError, ServiceError, AttributeError):
        return UNREADABLE


def _empty(obj, name: str):
    try:
        model_field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        return []  # a list the service sets (event types, linked plans)
    if model_field.many_to_many or model_field.one_to_many:
        return []
    return None if model_field.null else model_field.get_default()


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
    created: int = 0  # the valid rows by what they do (in a dry run: would do)
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def bad_rows(self) -> list[int]:
        return sorted({e.row for e in self.errors})

    def as_dict(self) -> dict:
        data = asdict(self)
        data["bad_rows"] = self.bad_rows
        return data


def run_import(database: Database, actor, upload, *, dry_run=False, partial=False, filename="",
               max_rows: int | None = None, progress: Callable[[str, int, int], None] | None = None) -> Report:
    """Read `upload` (a path or a file) and file each row through the database's service.

    A file that is not the template raises ValidationFailed; bad rows are in the report. The rows go through
    the services in short transactions (core.batches), so intakes never wait on a large file: first a check
    pass whose every batch is rolled back (a dry run ends there; a bad row ends it with nothing kept), then
    the write pass, whose batches are committed. A row that passed the check and fails in the write pass (its
    record changed in between) is reported as a bad row; the batches before it stay, counted in
    rows_imported. `partial` writes in one pass, keeping the valid rows. `progress(stage, done, total)` with
    stage "check" or "write" follows each batch."""
    rows = read_rows(database, upload, rules.web_max_rows() if max_rows is None else max_rows)
    report = Report(database.name, filename or str(getattr(upload, "name", upload)), dry_run, partial, len(rows))
    with remembered_lookups():
        if not partial:
            _tally(report, _pass(database, actor, rows, "check", progress))
            if dry_run or report.errors:
                return report
        _tally(report, _pass(database, actor, rows, "write", progress))
        report.rows_imported = report.rows_valid
    return report


def _pass(database: Database, actor, rows, stage: str, progress) -> list[tuple[int, str, list[RowError]]]:
    """(row number, outcome, errors) of every row filed through the services; a "check" keeps nothing."""
    records, seen, results = database.records(actor, {_id(key) for _n, _c, key in rows} - {None}), {}, []

    def file_row(row):
        number_, cells, key = row
        results.append((number_, *_import_row(database, actor, number_, cells, key, records, seen)))

    write_in_batches(rows, file_row, rollback=stage == "check",
                     progress=(lambda done, total: progress(stage, done, total)) if progress else None)
    return results


def _tally(report: Report, results):
    report.rows_valid = report.created = report.updated = report.unchanged = 0
    report.errors = []
    for _number, outcome, errors in results:
        report.errors.extend(errors)
        if not errors:
            report.rows_valid += 1
            setattr(report, outcome, getattr(report, outcome) + 1)


def _id(key) -> int | None:
    try:
        return None if blank(key) else KEY.read(key)
    except ValueError:
        return None


def _import_row(database: Database, actor, number_: int, cells: list[tuple[Col, Any]], key, records: dict,
                seen: dict) -> tuple[str, list[RowError]]:
    """What the row did ("created", "updated" or "unchanged") and its errors; `records` by ID (what the
    actor may see), `seen`: the row each ID was first on."""
    errors, values = [], {}
    for col, value in cells:
        if blank(value):
            values[col.field] = BLANK
            if col.required:
                errors.append(RowError(number_, str(col.header), _("Required.")))
            continue
        try:
            values[col.field] = col.read(value)
        except (ValueError, TypeError, ServiceError) as exc:
            errors.append(RowError(number_, str(col.header), _reason(exc)))
    existing = None
    if not blank(key):
        try:
            pk = KEY.read(key)
        except ValueError as exc:
            errors.append(RowError(number_, str(KEY.header), str(exc)))
        else:
            existing = records.get(pk)
            if existing is None:
                errors.append(RowError(number_, str(KEY.header), _("No record with ID %s.") % text(key)))
            elif pk in seen:
                errors.append(RowError(number_, str(KEY.header), _("ID %(id)s is already on row %(row)d.")
                                       % {"id": pk, "row": seen[pk]}))
            else:
                seen[pk] = number_
    if errors:
        return "", errors
    fields = {name: value for name, value in values.items() if value is not BLANK}
    if existing is None and database.find:
        existing = database.find(fields)
    if existing is None:
        return _save(database, number_, "created", lambda: database.create(actor, **fields), updating=False)
    changes = database.changes(existing, values)
    if not changes:
        return "unchanged", []
    if database.update is None:
        return "", [RowError(number_, database.header(next(iter(changes))), str(database.refuse_changes))]
    return _save(database, number_, "updated", lambda: database.update(actor, existing, **changes), updating=True)


def _save(database: Database, number_: int, outcome: str, save: Callable, updating: bool):
    try:
        with transaction.atomic():
            save()
    except ServiceError as exc:
        return "", _service_errors(database, number_, exc, updating)
    except (ValueError, TypeError) as exc:
        return "", [RowError(number_, str(KEY.header) if updating else "", str(exc))]
    return outcome, []


def _service_errors(database: Database, number_: int, exc: ServiceError, updating: bool) -> list[RowError]:
    if isinstance(exc, Forbidden):
        return [RowError(number_, database.header(database.owner_field), exc.message)]
    if not exc.fields:  # e.g. an issued plan, which changes only through a revision
        return [RowError(number_, str(KEY.header) if updating else "", exc.message)]
    return [RowError(number_, database.header(name.split(".")[0]) or ("" if name == "__all__" else name),
                     "; ".join(map(str, messages)))
            for name, messages in exc.fields.items()]


def _reason(exc) -> str:
    if isinstance(exc, ServiceError):
        return "; ".join(m for ms in exc.fields.values() for m in map(str, ms)) or exc.message
    return str(exc)


def read_rows(database: Database, upload, max_rows: int) -> list[tuple[int, list[tuple[Col, Any]], Any]]:
    """(row number, [(column, cell)], ID cell) of every non-empty row; the columns are found by their
    titles (in any of the site's languages, or the field's name), in any order; other columns are
    ignored. The ID column may be missing (a template from before it): every row is then new."""
    rows = sheet_rows(upload, max_rows=max_rows + 2)
    if len(rows) > max_rows + 1:
        raise ValidationFailed(_("At most %d rows at a time.") % max_rows, fields={"file": [_("Too many rows.")]})
    header = [text(h) if not blank(h) else "" for h in (rows[0] if rows else [])]
    positions = []
    for col in database.columns:
        names = col.titles()
        position = next((i for i, h in enumerate(header) if h in names), None)
        if position is None:
            raise ValidationFailed(_("The first row must be the template's column titles."),
                                   fields={"file": [", ".join(str(c.header) for c in database.columns)]})
        positions.append((col, position))
    key = next((i for i, h in enumerate(header) if h in KEY.titles()), None)
    found = []
    for number_, row in enumerate(rows[1:], start=2):
        if all(blank(v) for v in row):
            continue
        cells = [(col, row[i] if i < len(row) else None) for col, i in positions]
        found.append((number_, cells, row[key] if key is not None and key < len(row) else None))
    return found


def _workbook(title, columns: list[Col], rows) -> bytes:
    return sheet_bytes(title, [c.header for c in columns], ([_cell(c.cell(row)) for c in columns] for row in rows),
                       extra_width=2, freeze_header=True)


def _cell(value):
    if value is None or isinstance(value, (bool, int, float, Decimal, date)):
        return value
    return str(value)


unit = lookup(lambda: Unit.objects.all(), "name", _("Unknown unit %s."))
LOCATION = [Col(_("Address"), "address"), Col(_("Latitude"), "lat", number), Col(_("Longitude"), "lon", number)]


def scoped(unit_field="unit"):
    return lambda user, queryset: scope(user, queryset, unit_field)
