"""API for the case library (案例库)."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from countydesk.accounts.scoping import require
from countydesk.base.api import ErrorOut, NumberedPagination, Row, rows_for
from countydesk.base.errors import NotFound, ValidationFailed
from countydesk.core.taxonomy import EVENT_TYPES
from countydesk.orgs.models import Unit
from countydesk.registry.plans.services import visible_plans

from . import services
from .models import Case

router = Router(tags=["cases"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 413: ErrorOut, 422: ErrorOut}


class CaseOut(Row):
    id: int
    title: str
    event_type: str
    occurred_on: date
    township_id: int | None
    place: str
    deaths: int
    injuries: int
    direct_loss: Decimal | None


class CaseDetail(CaseOut):
    summary: str
    lessons: str
    plan_ids: list[int]
    incident_ref: str


class CaseIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    event_type: str = Field(..., min_length=3, max_length=3)
    occurred_on: date
    township_id: int | None = None
    place: str = Field("", max_length=200)
    deaths: int = Field(0, ge=0)
    injuries: int = Field(0, ge=0)
    direct_loss: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    summary: str = Field(..., min_length=1, max_length=50_000)
    lessons: str = Field("", max_length=50_000)
    plan_ids: list[int] = []
    incident_ref: str = Field("", max_length=64)


class CasePatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    event_type: str | None = Field(None, min_length=3, max_length=3)
    occurred_on: date | None = None
    township_id: int | None = None
    place: str | None = Field(None, max_length=200)
    deaths: int | None = Field(None, ge=0)
    injuries: int | None = Field(None, ge=0)
    direct_loss: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    summary: str | None = Field(None, min_length=1, max_length=50_000)
    lessons: str | None = Field(None, max_length=50_000)
    plan_ids: list[int] | None = None


class CaseFilter(Schema):
    q: str = Field("", max_length=100)
    event_type: str = Field("", max_length=3)
    category: str = Field("", max_length=1)
    year: int | None = Field(None, ge=1900, le=2100)


class CaseImportOut(Schema):
    created: list[int]


def _refs(request, data: dict) -> dict:
    if "township_id" in data:
        township_id = data.pop("township_id")
        data["township"] = Unit.objects.filter(pk=township_id).first() if township_id else None
        if township_id and data["township"] is None:
            raise ValidationFailed(_("Unknown unit."), fields={"township_id": [_("Unknown unit.")]})
    if data.get("plan_ids") is not None:
        ids = data.pop("plan_ids")
        data["plans"] = list(visible_plans(request.user).filter(pk__in=ids))
        if len(data["plans"]) != len(set(ids)):
            raise ValidationFailed(_("Unknown plan."), fields={"plan_ids": [_("Unknown plan.")]})
    data.pop("plan_ids", None)
    if data.get("event_type") is not None and data["event_type"] not in EVENT_TYPES:
        raise ValidationFailed(_("Unknown event type."), fields={"event_type": [_("Unknown event type.")]})
    return data


def _detail(case: Case) -> dict:
    return {**{f: getattr(case, f) for f in CaseOut.model_fields}, "summary": case.summary, "lessons": case.lessons,
            "plan_ids": [p.pk for p in case.plans.all()], "incident_ref": case.incident_ref}


@router.get("/cases", response={200: list[CaseOut], **ERRORS})
@paginate(NumberedPagination)
def list_cases(request, filters: Query[CaseFilter]):
    """Every signed-in user reads the case library; search by keyword, type, category and year."""
    return rows_for(services.search(Case.objects.all(), **filters.dict()), CaseOut)


@router.get("/cases/{int:case_id}", response={200: CaseDetail, **ERRORS})
def get_case(request, case_id: int):
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        raise NotFound(_("No such record."))
    return _detail(case)


@router.post("/cases", response={201: CaseDetail, **ERRORS})
def create_case(request, payload: CaseIn):
    return Status(201, _detail(services.do_create_case(request.user, **_refs(request, payload.dict()))))


@router.patch("/cases/{int:case_id}", response={200: CaseDetail, **ERRORS})
def update_case(request, case_id: int, payload: CasePatch):
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        raise NotFound(_("No such record."))
    data = _refs(request, payload.dict(exclude_unset=True))
    return _detail(services.do_update_case(request.user, case, **data))


@router.post("/cases/import", response={201: CaseImportOut, **ERRORS})
def import_cases(request, file: UploadedFile = File(...)):
    """An .xlsx with the columns 标题 事件类型 发生日期 乡镇 地点 死亡人数 受伤人数 直接经济损失(万元) 概要 经验教训 关联预案;
    any bad row → 422 naming every bad row, and nothing is imported."""
    require(request.user, "cases.manage")
    cases = services.do_import_cases(request.user, services.parse_xlsx(services.read_limited(file)))
    return Status(201, {"created": [c.pk for c in cases]})
