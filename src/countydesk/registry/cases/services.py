"""Every change to the case library goes through these functions; the Excel import is all or nothing."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.audit.services import changed_fields, record, snapshot
from countydesk.base.errors import ValidationFailed
from countydesk.base.services import apply_changes, validated_save
from countydesk.core.taxonomy import type_code_of
from countydesk.core.workbooks import sheet_rows
from countydesk.orgs.choices import UnitKind
from countydesk.orgs.models import Unit
from countydesk.registry.plans.models import Plan
from countydesk.registry.plans.services import TooLarge

from .models import Case
from .rules import max_import_bytes

CASE_FIELDS = {"title", "event_type", "occurred_on", "township", "place", "deaths", "injuries", "direct_loss",
               "summary", "lessons", "incident_ref", "source_url"}
COLUMNS = ["标题", "事件类型", "发生日期", "乡镇", "地点", "死亡人数", "受伤人数", "直接经济损失(万元)", "概要", "经验教训", "关联预案"]


def case_state(case: Case) -> dict:
    return snapshot(case) | {"plans": sorted(p.pk for p in case.plans.all())}


def _save(case: Case, fields: dict) -> Case:
    plans = fields.pop("plans", None)
    apply_changes(case, fields, CASE_FIELDS)
    if case.township_id and case.township.kind != UnitKind.TOWNSHIP:
        raise ValidationFailed(_("Choose a township."), fields={"township": [_("Choose a township.")]})
    validated_save(case)
    if plans is not None:
        case.plans.set(plans)
    return case


@transaction.atomic
def do_create_case(actor, **fields) -> Case:
    """A new case; called by the case pages, the import and (later) the closing of an incident."""
    require(actor, "cases.manage")
    case = _save(Case(), dict(fields))
    record(actor, "case.create", case, after=case_state(case), unit=case.township)
    return case


@transaction.atomic
def do_update_case(actor, case: Case, **changes) -> Case:
    require(actor, "cases.manage")
    case = Case.objects.select_for_update().get(pk=case.pk)
    before = case_state(case)
    _save(case, dict(changes))
    old, new = changed_fields(before, case_state(case))
    if new:
        record(actor, "case.update", case, before=old, after=new, unit=case.township)
    return case


@transaction.atomic
def do_import_cases(actor, rows: list[dict]) -> list[Case]:
    """Cases read by `parse_xlsx`, stored in one transaction with one audit row for the batch."""
    require(actor, "cases.manage")
    cases = [_save(Case(), dict(row)) for row in rows]
    record(actor, "case.import", object_type="cases.case", after={"created": [c.pk for c in cases]})
    return cases


def search(queryset, q: str = "", event_type: str = "", category: str = "", year: int | None = None):
    """Keyword (title, summary, lessons), type, category and year."""
    if q:
        queryset = queryset.filter(Q(title__icontains=q) | Q(summary__icontains=q) | Q(lessons__icontains=q))
    if event_type:
        queryset = queryset.filter(event_type=event_type)
    if category:
        queryset = queryset.filter(event_type__startswith=category)
    if year:
        queryset = queryset.filter(occurred_on__year=year)
    return queryset


# --- Excel import ---

def read_limited(upload) -> bytes:
    limit = max_import_bytes()
    if upload.size > limit:
        raise TooLarge(_("The file is larger than %d MB.") % (limit // 1024 // 1024),
                       fields={"file": [_("Too large.")]})
    return upload.read()


def parse_xlsx(content: bytes) -> list[dict]:
    """Rows of an .xlsx with the columns of COLUMNS; every bad row is reported by its row number and
    nothing is returned until the whole file is clean."""
    rows = sheet_rows(content)
    header = [str(c or "").strip() for c in (rows[0] if rows else [])]
    if header[:len(COLUMNS)] != COLUMNS:
        raise ValidationFailed(_("The first row must name the columns: %s") % "、".join(COLUMNS),
                               fields={"file": [_("Wrong columns.")]})
    lookups = _lookups()
    cases, errors = [], {}
    for number, row in enumerate(rows[1:], start=2):
        values = dict(zip(COLUMNS, row))
        if not any(v not in (None, "") for v in values.values()):
            continue
        try:
            cases.append(_row(values, lookups))
        except ValueError as exc:
            errors[f"row {number}"] = [str(exc)]
    if errors:
        raise ValidationFailed(_("%d rows have errors; nothing was imported.") % len(errors), fields=errors)
    return cases


def _lookups() -> dict:
    return {"townships": {u.name: u for u in Unit.objects.filter(kind=UnitKind.TOWNSHIP)},
            "plans": {p.title: p for p in Plan.objects.exclude(status="draft")}}


def _text(values, column) -> str:
    return str(values.get(column) or "").strip()


def _event_type(word: str) -> str:
    code = type_code_of(word)
    if code is None:
        raise ValueError(_("事件类型 “%s” is not a known type code or name") % word)
    return code


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise ValueError(_("发生日期 must be a date such as 2024-06-15")) from None


def _count(values, column) -> int:
    value = values.get(column)
    if value in (None, ""):
        return 0
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValueError(_("%s must be a whole number") % column) from None
    if number < 0:
        raise ValueError(_("%s cannot be negative") % column)
    return number


def _loss(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        loss = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(_("直接经济损失 must be a number")) from None
    if loss < 0:
        raise ValueError(_("直接经济损失 cannot be negative"))
    return loss


def _row(values: dict, lookups: dict) -> dict:
    title, summary = _text(values, "标题"), _text(values, "概要")
    if not title or not summary:
        raise ValueError(_("标题 and 概要 are required"))
    township = _text(values, "乡镇")
    if township and township not in lookups["townships"]:
        raise ValueError(_("乡镇 “%s” is not a township of the county") % township)
    plan_titles = [t for t in _text(values, "关联预案").split("、") if t]
    unknown = [t for t in plan_titles if t not in lookups["plans"]]
    if unknown:
        raise ValueError(_("关联预案 not found: %s") % "、".join(unknown))
    return {"title": title[:200], "event_type": _event_type(_text(values, "事件类型")),
            "occurred_on": _date(values.get("发生日期")), "township": lookups["townships"].get(township),
            "place": _text(values, "地点")[:200], "deaths": _count(values, "死亡人数"),
            "injuries": _count(values, "受伤人数"), "direct_loss": _loss(values.get("直接经济损失(万元)")),
            "summary": summary, "lessons": _text(values, "经验教训"),
            "plans": [lookups["plans"][t] for t in plan_titles]}
