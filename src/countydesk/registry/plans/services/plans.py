"""Plans: create, edit drafts, issue, file, revise, abolish, evaluate, attach documents."""

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.audit.services import changed_fields, record, snapshot
from countydesk.base.errors import Conflict, TransitionNotAllowed, ValidationFailed
from countydesk.base.services import apply_changes, validated_save
from countydesk.core.taxonomy import EVENT_TYPES

from .. import rules
from ..choices import PlanStatus, ResourceKind
from ..flows import PLAN_FLOW
from ..models import Filing, Plan, PlanDocument, PlanEventType, PlanResponse, ResourceRequirement, RevisionTrigger
from .common import TooLarge, require_unit

PLAN_FIELDS = {"title", "kind", "level", "owner", "lead_unit", "summary"}
RELATED = ("event_types", "supporting_units", "upper_plans", "responses", "resources")
DOCUMENT_SIGNATURES = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04"}


def plan_state(plan: Plan) -> dict:
    """The plan's fields and its related lists, for the audit trail."""
    return snapshot(plan) | {
        "event_types": plan.type_codes,
        "supporting_units": sorted(u.pk for u in plan.supporting_units.all()),
        "upper_plans": sorted(p.pk for p in plan.upper_plans.all()),
        "responses": [{"level": r.level, "trigger": r.trigger} for r in plan.responses.all()],
        "resources": [{"level": r.level, "kind": r.kind, "name": r.name, "quantity": str(r.quantity),
                       "unit_of_measure": r.unit_of_measure, "team_kind": r.team_kind, "capability": r.capability,
                       "item": r.item_id} for r in plan.resources.all()],
    }


def _children(field: str, rows, build):
    objects = []
    for i, row in enumerate(rows):
        try:
            obj = build(row)
            obj.full_clean(exclude=["plan"])
        except (TypeError, ValueError) as exc:
            raise ValidationFailed(_("Some fields are invalid."), fields={f"{field}.{i}": [str(exc)]}) from exc
        except ValidationError as exc:
            fields = {f"{field}.{i}.{k}": v for k, v in exc.message_dict.items()}
            raise ValidationFailed(_("Some fields are invalid."), fields=fields) from exc
        objects.append(obj)
    return objects


def _requirement(plan: Plan, row: dict) -> ResourceRequirement:
    """A required resource; what it is matched by must fit its kind (a supply by item, others by capability)."""
    r = ResourceRequirement(plan=plan, **row)
    if r.kind == ResourceKind.SUPPLY and (r.capability or r.team_kind):
        raise ValueError(_("A supply is matched by its catalogue item, not by a capability or team kind."))
    if r.kind != ResourceKind.SUPPLY and r.item_id:
        raise ValueError(_("Only a supply names a catalogue item."))
    if r.kind == ResourceKind.EXPERT and r.team_kind:
        raise ValueError(_("Only a team requirement names a team kind."))
    return r


def _set_related(plan: Plan, related: dict):
    if "event_types" in related:
        unknown = [c for c in related["event_types"] if c not in EVENT_TYPES]
        if unknown:
            raise ValidationFailed(_("Unknown event type."), fields={"event_types": unknown})
        plan.event_types.all().delete()
        PlanEventType.objects.bulk_create([PlanEventType(plan=plan, code=c) for c in sorted(set(related["event_types"]))])
    if "supporting_units" in related:
        plan.supporting_units.set(related["supporting_units"])
    if "upper_plans" in related:
        if any(p.pk == plan.pk for p in related["upper_plans"]):
            raise ValidationFailed(_("A plan cannot link to itself."), fields={"upper_plans": [_("Not itself.")]})
        plan.upper_plans.set(related["upper_plans"])
    if "responses" in related:
        rows = _children("responses", related["responses"], lambda r: PlanResponse(plan=plan, **r))
        if len({r.level for r in rows}) != len(rows):
            raise ValidationFailed(_("Each response level once."), fields={"responses": [_("Each response level once.")]})
        plan.responses.all().delete()
        PlanResponse.objects.bulk_create(rows)
    if "resources" in related:
        rows = _children("resources", related["resources"], lambda r: _requirement(plan, r))
        plan.resources.all().delete()
        ResourceRequirement.objects.bulk_create(rows)


def _split(fields: dict) -> tuple[dict, dict]:
    return ({k: v for k, v in fields.items() if k not in RELATED},
            {k: v for k, v in fields.items() if k in RELATED and v is not None})


@transaction.atomic
def do_create_plan(actor, **fields) -> Plan:
    """A new draft plan; `event_types` codes, `supporting_units`/`upper_plans` objects, `responses`
    [{level, trigger}] and `resources` [{level, kind, name, quantity, unit_of_measure}] come along."""
    require(actor, "plans.manage_own")
    own, related = _split(fields)
    plan = Plan()
    apply_changes(plan, own, PLAN_FIELDS)
    if plan.owner_id:
        require_unit(actor, plan.owner)
    validated_save(plan)
    _set_related(plan, related)
    record(actor, "plan.create", plan, after=plan_state(plan), unit=plan.owner)
    return plan


def _locked(plan: Plan) -> Plan:
    return Plan.objects.select_for_update().select_related("owner").get(pk=plan.pk)


@transaction.atomic
def do_update_plan(actor, plan: Plan, **changes) -> Plan:
    """Drafts change freely; an issued plan changes only through a revision."""
    plan = _locked(plan)
    require_unit(actor, plan.owner)
    if plan.status != PlanStatus.DRAFT:
        raise Conflict(_("Only a draft can be edited; start a revision to change an issued plan."))
    before = plan_state(plan)
    own, related = _split(changes)
    apply_changes(plan, own, PLAN_FIELDS)
    require_unit(actor, plan.owner)
    validated_save(plan)
    _set_related(plan, related)
    old, new = changed_fields(before, plan_state(plan))
    if new:
        record(actor, "plan.update", plan, before=old, after=new, unit=plan.owner)
    return plan


def _take(actor, plan: Plan, name: str, **changes) -> Plan:
    return PLAN_FLOW.take(actor, plan, name, changes=changes, track=tuple(changes))


@transaction.atomic
def do_issue_plan(actor, plan: Plan, issued_on: date | None = None) -> Plan:
    """Issue (印发) a draft; the version it revises is superseded."""
    plan = _locked(plan)
    require_unit(actor, plan.owner)
    _take(actor, plan, "issue", issued_on=issued_on or timezone.localdate())
    if plan.previous_id:
        _take(actor, plan.previous, "supersede")
    return plan


@transaction.atomic
def do_record_filing(actor, plan: Plan, recipient: str = "", filed_on: date | None = None, note: str = "") -> Filing:
    """Record a filing (备案); the first one moves an issued plan to filed. Late filings are kept as late."""
    plan = _locked(plan)
    require_unit(actor, plan.owner)
    if plan.status == PlanStatus.ISSUED:
        _take(actor, plan, "file")
    elif plan.status != PlanStatus.FILED:  # later filings of a filed plan are kept; no other state is filed
        raise TransitionNotAllowed(plan.status, PlanStatus.FILED, plan.allowed_next())
    filed_on = filed_on or timezone.localdate()
    if filed_on < plan.issued_on:
        raise ValidationFailed(_("A plan cannot be filed before it was issued."), fields={"filed_on": [str(filed_on)]})
    filing = validated_save(Filing(plan=plan, recipient=recipient or rules.filing_recipient(plan.kind),
                                   filed_on=filed_on, deadline=rules.filing_deadline(plan.kind, plan.issued_on),
                                   note=note))
    record(actor, "plan.filing", filing, after=snapshot(filing) | {"late": filing.late}, unit=plan.owner)
    return filing


@transaction.atomic
def do_update_filing(actor, filing: Filing, **changes) -> Filing:
    """Correct a filing record (to whom, when, note); lateness follows the corrected date."""
    filing = Filing.objects.select_for_update().select_related("plan__owner").get(pk=filing.pk)
    require_unit(actor, filing.plan.owner)
    before = snapshot(filing)
    apply_changes(filing, changes, {"recipient", "filed_on", "note"})
    if filing.filed_on < filing.plan.issued_on:
        raise ValidationFailed(_("A plan cannot be filed before it was issued."), fields={"filed_on": [str(filing.filed_on)]})
    validated_save(filing)
    old, new = changed_fields(before, snapshot(filing))
    if new:
        record(actor, "plan.filing.update", filing, before=old, after=new, unit=filing.plan.owner)
    return filing


@transaction.atomic
def do_start_revision(actor, plan: Plan, reason: str, note: str = "") -> Plan:
    """Record why the plan is revised (修订) and open the next version as a draft copy."""
    plan = _locked(plan)
    require_unit(actor, plan.owner)
    trigger = validated_save(RevisionTrigger(plan=plan, reason=reason, note=note, recorded_on=timezone.localdate()))
    _take(actor, plan, "revise")
    state = plan_state(plan)
    draft = Plan.objects.create(title=plan.title, kind=plan.kind, level=plan.level, owner=plan.owner,
                                lead_unit=plan.lead_unit, summary=plan.summary, version=plan.version + 1,
                                previous=plan, last_evaluated_on=plan.last_evaluated_on,
                                last_drilled_on=plan.last_drilled_on)
    _set_related(draft, {"event_types": state["event_types"], "supporting_units": state["supporting_units"],
                         "upper_plans": list(plan.upper_plans.all()), "responses": state["responses"],
                         "resources": state["resources"]})
    record(actor, "plan.revision", draft, after={"previous": plan.pk, "reason": trigger.reason, "note": note},
           unit=plan.owner)
    return draft


@transaction.atomic
def do_abolish_plan(actor, plan: Plan) -> Plan:
    plan = _locked(plan)
    require_unit(actor, plan.owner)
    return _take(actor, plan, "abolish")


@transaction.atomic
def do_record_evaluation(actor, plan: Plan, evaluated_on: date | None = None) -> Plan:
    """An evaluation (评估) of a plan in force restarts its evaluation cycle."""
    plan = _locked(plan)
    require_unit(actor, plan.owner)
    if plan.status not in (PlanStatus.ISSUED, PlanStatus.FILED):
        raise Conflict(_("Only a plan in force is evaluated."))
    before = plan.last_evaluated_on
    plan.last_evaluated_on = evaluated_on or timezone.localdate()
    plan.save(update_fields=["last_evaluated_on"])
    record(actor, "plan.evaluate", plan, before={"last_evaluated_on": before},
           after={"last_evaluated_on": plan.last_evaluated_on}, unit=plan.owner)
    return plan


def _check_upload(upload):
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in DOCUMENT_SIGNATURES:
        raise ValidationFailed(_("Upload a .docx or .pdf file."), fields={"file": [_("Unsupported file type.")]})
    limit = rules.max_document_bytes()
    if upload.size > limit:
        raise TooLarge(_("The file is larger than %d MB.") % (limit // 1024 // 1024),
                       fields={"file": [_("Too large.")]})
    head = upload.read(8)
    upload.seek(0)
    if not upload.size or not head.startswith(DOCUMENT_SIGNATURES[suffix]):
        raise ValidationFailed(_("The file's content is not a %s document.") % suffix,
                               fields={"file": [_("Content does not match the file type.")]})


@transaction.atomic
def do_upload_document(actor, plan: Plan, upload) -> PlanDocument:
    """Keep a new revision of the plan's text (.docx or .pdf)."""
    plan = _locked(plan)
    require_unit(actor, plan.owner)
    if not plan.allowed_next():
        raise Conflict(_("A superseded or abolished plan takes no new documents."))
    _check_upload(upload)
    revision = (plan.documents.order_by("-revision").values_list("revision", flat=True).first() or 0) + 1
    name = Path(upload.name).name[:200]
    document = PlanDocument(plan=plan, revision=revision, name=name, size=upload.size,
                            uploaded_by=getattr(actor, "username", "system"))
    document.file.save(f"{plan.pk}-{revision}{Path(name).suffix.lower()}", upload, save=False)
    document.save()
    record(actor, "plan.document", document, after={"name": name, "size": upload.size, "revision": revision},
           unit=plan.owner)
    return document
