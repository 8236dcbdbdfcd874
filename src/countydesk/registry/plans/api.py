"""API for the plan database (预案库): plans, filings, documents, drills, linkage and coverage reports."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from django.db.models import F
from django.utils.translation import gettext as _
from ninja import Field, File, FilterLookup, FilterSchema, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from countydesk.base.api import ErrorOut, NumberedPagination, Row
from countydesk.base.errors import NotFound, ValidationFailed
from countydesk.orgs.models import Unit
from countydesk.registry.supplies.models import Item
from countydesk.registry.teams.choices import TeamKind

from . import analysis, services
from .choices import DrillKind, EvaluationItem, PlanKind, PlanLevel, PlanStatus, ResourceKind, ResponseLevel, \
    RevisionReason
from .models import Filing, ImprovementAction

router = Router(tags=["plans"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut, 422: ErrorOut}


class PlanOut(Row):
    id: int
    title: str
    kind: str
    level: str
    status: str
    version: int
    owner_id: int
    owner_name: str
    lead_unit_id: int | None
    issued_on: date | None
    last_evaluated_on: date | None
    last_drilled_on: date | None


class ResponseIn(Schema):
    level: ResponseLevel
    trigger: str = Field(..., min_length=1, max_length=2000)


class ResourceIn(Schema):
    level: ResponseLevel
    kind: ResourceKind
    name: str = Field(..., min_length=1, max_length=100)
    quantity: Decimal = Field(..., ge=0, max_digits=12, decimal_places=2)
    unit_of_measure: str = Field(..., min_length=1, max_length=20)
    team_kind: TeamKind | Literal[""] = ""
    capability: str = Field("", max_length=3, description="event-type code: a team's capability or an expert's specialty")
    item_id: int | None = Field(None, description="catalogue item (GB/T 38565) of a supply requirement")


class ResourceOut(Row):
    level: str
    kind: str
    name: str
    quantity: Decimal
    unit_of_measure: str
    team_kind: str
    capability: str
    item_id: int | None
    item_code: str | None
    matchable: bool


class FilingOut(Row):
    id: int
    plan_id: int
    recipient: str
    filed_on: date
    deadline: date
    late: bool
    note: str


class DocumentOut(Row):
    id: int
    revision: int
    name: str
    size: int


class PlanDetail(PlanOut):
    summary: str
    previous_id: int | None
    event_types: list[str]
    supporting_unit_ids: list[int]
    upper_plan_ids: list[int]
    responses: list[dict]
    resources: list[ResourceOut]
    unmatched_resources: int
    filings: list[FilingOut]
    documents: list[DocumentOut]
    allowed_next: list[str]


class PlanIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    kind: PlanKind
    level: PlanLevel
    owner_id: int
    lead_unit_id: int | None = None
    supporting_unit_ids: list[int] = []
    upper_plan_ids: list[int] = []
    event_types: list[str] = []
    responses: list[ResponseIn] = []
    resources: list[ResourceIn] = []
    summary: str = Field("", max_length=20_000)


class PlanPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    kind: PlanKind | None = None
    level: PlanLevel | None = None
    owner_id: int | None = None
    lead_unit_id: int | None = None
    supporting_unit_ids: list[int] | None = None
    upper_plan_ids: list[int] | None = None
    event_types: list[str] | None = None
    responses: list[ResponseIn] | None = None
    resources: list[ResourceIn] | None = None
    summary: str | None = Field(None, max_length=20_000)


class PlanFilter(FilterSchema):
    q: Annotated[str | None, FilterLookup("title__icontains")] = None
    kind: PlanKind | None = None
    level: PlanLevel | None = None
    status: PlanStatus | None = None
    owner_id: int | None = None
    event_type: Annotated[str | None, FilterLookup("event_types__code")] = None


class PlanIssueIn(Schema):
    issued_on: date | None = None


class RevisionIn(Schema):
    reason: RevisionReason
    note: str = Field("", max_length=300)


class EvaluationIn(Schema):
    evaluated_on: date | None = None


class FilingIn(Schema):
    recipient: str = Field("", max_length=200)
    filed_on: date | None = None
    note: str = Field("", max_length=300)


def _units(ids: list[int], field: str) -> list[Unit]:
    units = list(Unit.objects.filter(pk__in=ids))
    if len(units) != len(set(ids)):
        raise ValidationFailed(_("Unknown unit."), fields={field: [_("Unknown unit.")]})
    return units


def _refs(request, data: dict) -> dict:
    """Turn the payload's ids into objects for the services (unknown id → 422 naming the field)."""
    for key in ("owner_id", "lead_unit_id"):
        if key in data:
            value = data.pop(key)
            data[key[:-3]] = _units([value], key)[0] if value is not None else None
    if data.get("supporting_unit_ids") is not None:
        data["supporting_units"] = _units(data.pop("supporting_unit_ids"), "supporting_unit_ids")
    if data.get("upper_plan_ids") is not None:
        ids = data.pop("upper_plan_ids")
        plans = list(services.visible_plans(request.user).filter(pk__in=ids))
        if len(plans) != len(set(ids)):
            raise ValidationFailed(_("Unknown plan."), fields={"upper_plan_ids": [_("Unknown plan.")]})
        data["upper_plans"] = plans
    if data.get("resources") is not None:
        data["resources"] = _items(data["resources"])
    return {k: v for k, v in data.items() if not k.endswith("_ids")}


def _resource(r) -> ResourceOut:
    return ResourceOut(level=r.level, kind=r.kind, name=r.name, quantity=r.quantity, unit_of_measure=r.unit_of_measure,
                       team_kind=r.team_kind, capability=r.capability, item_id=r.item_id,
                       item_code=r.item.code if r.item_id else None, matchable=r.matchable)


def _items(rows: list[dict]) -> list[dict]:
    """Resource rows with `item_id` turned into the catalogue item (unknown id → 422 naming the row)."""
    ids = {r["item_id"] for r in rows if r.get("item_id") is not None}
    items = Item.objects.in_bulk(list(ids))
    for i, row in enumerate(rows):
        item_id = row.pop("item_id", None)
        if item_id is not None and item_id not in items:
            raise ValidationFailed(_("Unknown catalogue item."), fields={f"resources.{i}.item_id": [_("Unknown catalogue item.")]})
        row["item"] = items.get(item_id)
    return rows


def _detail(plan) -> dict:
    resources = list(plan.resources.select_related("item"))
    return {
        **{name: getattr(plan, name) for name in PlanOut.model_fields if name != "owner_name"},
        "owner_name": plan.owner.name, "summary": plan.summary, "previous_id": plan.previous_id,
        "event_types": plan.type_codes,
        "supporting_unit_ids": [u.pk for u in plan.supporting_units.all()],
        "upper_plan_ids": [p.pk for p in plan.upper_plans.all()],
        "responses": [{"level": r.level, "trigger": r.trigger} for r in plan.responses.all()],
        "resources": [_resource(r) for r in resources],
        "unmatched_resources": sum(not r.matchable for r in resources),
        "filings": [FilingOut.model_validate(f) for f in plan.filings.all()],
        "documents": [DocumentOut.model_validate(d) for d in plan.documents.all()],
        "allowed_next": sorted(plan.allowed_next()),
    }


@router.get("/plans", response={200: list[PlanOut], **ERRORS})
@paginate(NumberedPagination)
def list_plans(request, filters: Query[PlanFilter]):
    """Every signed-in user reads plans; drafts only of their own unit unless county-wide."""
    plans = filters.filter(services.visible_plans(request.user)).distinct()
    return plans.values(*[f for f in PlanOut.model_fields if f != "owner_name"], owner_name=F("owner__name"))


@router.get("/plans/{int:plan_id}", response={200: PlanDetail, **ERRORS})
def get_plan(request, plan_id: int):
    return _detail(services.get_plan(request.user, plan_id))


@router.post("/plans", response={201: PlanDetail, **ERRORS})
def create_plan(request, payload: PlanIn):
    plan = services.do_create_plan(request.user, **_refs(request, payload.dict()))
    return Status(201, _detail(plan))


@router.patch("/plans/{int:plan_id}", response={200: PlanDetail, **ERRORS})
def update_plan(request, plan_id: int, payload: PlanPatch):
    plan = services.get_plan(request.user, plan_id)
    return _detail(services.do_update_plan(request.user, plan, **_refs(request, payload.dict(exclude_unset=True))))


@router.post("/plans/{int:plan_id}/issue", response={200: PlanDetail, **ERRORS})
def issue_plan(request, plan_id: int, payload: PlanIssueIn):
    plan = services.get_plan(request.user, plan_id)
    return _detail(services.do_issue_plan(request.user, plan, payload.issued_on))


@router.post("/plans/{int:plan_id}/revise", response={201: PlanDetail, **ERRORS})
def revise_plan(request, plan_id: int, payload: RevisionIn):
    """Record the revision reason and open the next version as a draft."""
    plan = services.get_plan(request.user, plan_id)
    return Status(201, _detail(services.do_start_revision(request.user, plan, payload.reason, payload.note)))


@router.post("/plans/{int:plan_id}/abolish", response={200: PlanDetail, **ERRORS})
def abolish_plan(request, plan_id: int):
    return _detail(services.do_abolish_plan(request.user, services.get_plan(request.user, plan_id)))


@router.post("/plans/{int:plan_id}/evaluation", response={200: PlanDetail, **ERRORS})
def evaluate_plan(request, plan_id: int, payload: EvaluationIn):
    plan = services.get_plan(request.user, plan_id)
    return _detail(services.do_record_evaluation(request.user, plan, payload.evaluated_on))


@router.get("/plans/filings", response={200: list[FilingOut], **ERRORS})
@paginate(NumberedPagination)
def list_filings(request, plan_id: int | None = None):
    filings = Filing.objects.filter(plan__in=services.visible_plans(request.user))
    if plan_id is not None:
        filings = filings.filter(plan_id=plan_id)
    return filings


@router.post("/plans/{int:plan_id}/filings", response={201: FilingOut, **ERRORS})
def record_filing(request, plan_id: int, payload: FilingIn):
    plan = services.get_plan(request.user, plan_id)
    return Status(201, services.do_record_filing(request.user, plan, **payload.dict()))


class FilingPatch(Schema):
    recipient: str | None = Field(None, min_length=1, max_length=200)
    filed_on: date | None = None
    note: str | None = Field(None, max_length=300)


def _filing(request, filing_id: int) -> Filing:
    filing = Filing.objects.filter(pk=filing_id, plan__in=services.visible_plans(request.user)).first()
    if filing is None:
        raise NotFound(_("No such record."))
    return filing


@router.get("/plans/filings/{int:filing_id}", response={200: FilingOut, **ERRORS})
def get_filing(request, filing_id: int):
    return _filing(request, filing_id)


@router.patch("/plans/filings/{int:filing_id}", response={200: FilingOut, **ERRORS})
def update_filing(request, filing_id: int, payload: FilingPatch):
    filing = _filing(request, filing_id)
    return services.do_update_filing(request.user, filing, **payload.dict(exclude_unset=True))


@router.post("/plans/{int:plan_id}/documents", response={201: DocumentOut, **ERRORS})
def upload_document(request, plan_id: int, file: UploadedFile = File(...)):
    """The plan's text as .docx or .pdf (at most 20 MB); each upload is a new revision."""
    plan = services.get_plan(request.user, plan_id)
    return Status(201, services.do_upload_document(request.user, plan, file))


class DueOut(Row):
    plan_id: int
    title: str
    owner_name: str
    filing_deadline: date | None
    filed_on: date | None
    filing_state: str
    evaluation_due: date | None
    drill_due: date | None
    evaluation_overdue: bool
    drill_overdue: bool


class CoverageIssueOut(Row):
    kind: str
    plan_id: int
    title: str
    event_type: str
    suggested_plan_ids: list[int]


class GroupOut(Row):
    level: str
    area_id: int
    event_type: str
    plan_ids: list[int]
    lead_unit_ids: list[int]
    conflict: bool


class LinkageOut(Row):
    issues: list[CoverageIssueOut]
    groups: list[GroupOut]


class CoverageOut(Row):
    units: list[dict]
    rows: list[dict]
    gaps: int


@router.get("/plans/due", response={200: list[DueOut], **ERRORS})
def plan_dues(request, overdue_only: bool = False):
    """Filing deadlines (20 working days after issue by default), evaluation and drill due dates."""
    rows = [r for r in analysis.due_rows(list(services.visible_plans(request.user, analysis.effective_plans())))
            if r.overdue or not overdue_only]
    return [DueOut(plan_id=r.plan.pk, title=r.plan.title, owner_name=r.plan.owner.name,
                   filing_deadline=r.filing_deadline, filed_on=r.filed_on, filing_state=r.filing_state,
                   evaluation_due=r.evaluation_due, drill_due=r.drill_due,
                   evaluation_overdue=r.evaluation_overdue, drill_overdue=r.drill_overdue) for r in rows]


@router.get("/plans/linkage", response={200: LinkageOut, **ERRORS})
def plan_linkage(request):
    """Vertical and horizontal linkage of the plans in force: orphans, missing links, lead-unit conflicts."""
    report = analysis.linkage()
    return LinkageOut(
        issues=[CoverageIssueOut(kind=i.kind, plan_id=i.plan.pk, title=i.plan.title, event_type=i.event_type,
                         suggested_plan_ids=[p.pk for p in i.suggestions]) for i in report.issues],
        groups=[GroupOut(level=g.level, area_id=g.area.pk, event_type=g.event_type, plan_ids=[p.pk for p in g.plans],
                         lead_unit_ids=[u.pk for u in g.leads], conflict=g.conflict) for g in report.groups])


@router.get("/plans/coverage", response={200: CoverageOut, **ERRORS})
def plan_coverage(request):
    """Event types × county, townships and departments; each cell covered, overdue, gap or empty."""
    matrix = analysis.coverage()
    return CoverageOut(
        units=[{"id": u.pk, "name": u.name, "kind": u.kind} for u in matrix.units],
        rows=[{"event_type": code, "cells": [{"state": c.state, "plan_ids": [p.pk for p in c.plans]} for c in cells]}
              for code, cells in matrix.rows],
        gaps=matrix.gaps)


class DrillOut(Row):
    id: int
    plan_id: int
    plan_title: str
    title: str
    held_on: date
    kind: str


class ActionIn(Schema):
    description: str = Field(..., min_length=1, max_length=300)
    unit_id: int
    due_on: date


class ActionOut(Row):
    id: int
    description: str
    unit_id: int
    due_on: date
    closed_on: date | None
    closure_note: str


class DrillDetail(DrillOut):
    findings: str
    participant_ids: list[int]
    scores: dict[str, int]
    actions: list[ActionOut]


class DrillIn(Schema):
    plan_id: int
    title: str = Field(..., min_length=1, max_length=200)
    held_on: date
    kind: DrillKind
    participant_ids: list[int] = []
    findings: str = Field("", max_length=20_000)
    scores: dict[EvaluationItem, Annotated[int, Field(ge=0, le=100)]] = {}
    actions: list[ActionIn] = []


class DrillPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    held_on: date | None = None
    kind: DrillKind | None = None
    participant_ids: list[int] | None = None
    findings: str | None = Field(None, max_length=20_000)
    scores: dict[EvaluationItem, Annotated[int, Field(ge=0, le=100)] | None] = {}
    actions: list[ActionIn] = []


class CloseIn(Schema):
    closed_on: date | None = None
    note: str = Field("", max_length=300)


def _drill_detail(drill) -> dict:
    return {"id": drill.pk, "plan_id": drill.plan_id, "plan_title": drill.plan.title, "title": drill.title,
            "held_on": drill.held_on, "kind": drill.kind, "findings": drill.findings,
            "participant_ids": [u.pk for u in drill.participants.all()],
            "scores": {s.item: s.score for s in drill.scores.all()},
            "actions": [ActionOut.model_validate(a) for a in drill.actions.all()]}


def _action(action: dict) -> dict:
    unit = _units([action.pop("unit_id")], "actions")[0]
    return action | {"unit": unit}


def _drill_refs(data: dict) -> dict:
    if data.get("participant_ids") is not None:
        data["participants"] = _units(data.pop("participant_ids"), "participant_ids")
    data.pop("participant_ids", None)
    data["actions"] = [_action(a) for a in data.pop("actions", [])]
    data["scores"] = {str(getattr(k, "value", k)): v for k, v in (data.get("scores") or {}).items()}
    return data


@router.get("/drills", response={200: list[DrillOut], **ERRORS})
@paginate(NumberedPagination)
def list_drills(request, plan_id: int | None = None):
    drills = services.visible_drills(request.user)
    if plan_id is not None:
        drills = drills.filter(plan_id=plan_id)
    return drills.values(*[f for f in DrillOut.model_fields if f != "plan_title"], plan_title=F("plan__title"))


@router.get("/drills/{int:drill_id}", response={200: DrillDetail, **ERRORS})
def get_drill(request, drill_id: int):
    return _drill_detail(services.get_drill(request.user, drill_id))


@router.post("/drills", response={201: DrillDetail, **ERRORS})
def create_drill(request, payload: DrillIn):
    data = _drill_refs(payload.dict())
    plan = services.get_plan(request.user, data.pop("plan_id"))
    return Status(201, _drill_detail(services.do_create_drill(request.user, plan, **data)))


@router.patch("/drills/{int:drill_id}", response={200: DrillDetail, **ERRORS})
def update_drill(request, drill_id: int, payload: DrillPatch):
    drill = services.get_drill(request.user, drill_id)
    return _drill_detail(services.do_update_drill(request.user, drill, **_drill_refs(payload.dict(exclude_unset=True))))


@router.post("/drills/actions/{int:action_id}/close", response={200: ActionOut, **ERRORS})
def close_action(request, action_id: int, payload: CloseIn):
    action = ImprovementAction.objects.filter(pk=action_id, drill__in=services.visible_drills(request.user)).first()
    if action is None:
        raise NotFound(_("No such record."))
    return services.do_close_action(request.user, action, payload.closed_on, payload.note)
