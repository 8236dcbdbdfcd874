"""Requisitions (征用) and their compensation (补偿), DOMAIN.md §5: requisition first, the written decision
(征用决定书) due within the rule's hours; each item's value and condition before use; the return against the list
with the condition after use, damage or loss certified by the returning officer; compensation computed — a lost
item's value depreciated per year of age (rule table), a damaged one's repair cost (at most that depreciated
value) — and paid: due → approved → paid."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.audit.services import record, snapshot
from countydesk.base.errors import Conflict, ValidationFailed
from countydesk.base.services import validated_save
from countydesk.core.events import publish

from ..models import LineOutcome, PaymentStatus, Requisition, RequisitionLine, RequisitionStatus
from ..rules.requisitions import depreciation, paperwork_hours
from .reach import require_incident
from .stock_flows import PAYMENT_FLOW, REQUISITION_FLOW

TOPIC = "command.stock"
CENT = Decimal("0.01")
OWNER_FIELDS = ("owner_name", "owner_kind", "owner_contact", "owner_id_code")
LINE_FIELDS = ("description", "quantity", "condition_before", "value", "age_years")


@transaction.atomic
def do_requisition(actor, incident, owner: dict, purpose: str, lines: list[dict], requisitioned_at=None,
                   decided: bool = False) -> Requisition:
    """Requisition `lines` [{description, quantity, condition_before, value, age_years}] of `owner`
    {owner_name, owner_kind, owner_contact, owner_id_code} for `incident`; the decision is due within the rule's
    hours unless it is issued at once (`decided`). No owner or no items: 422, nothing kept."""
    require(actor, "command.requisition")
    require_incident(actor, incident)
    missing = {f: [_("Required.")] for f in OWNER_FIELDS if not str(owner.get(f) or "").strip()}
    if not lines:
        missing["lines"] = [_("List the requisitioned items.")]
    if missing:
        raise ValidationFailed(_("A requisition names its owner and lists its items."), fields=missing)
    at = requisitioned_at or timezone.now()
    person = actor if getattr(actor, "pk", None) else None
    requisition = validated_save(Requisition(
        incident=incident, purpose=purpose, requisitioned_at=at, requisitioned_by=person,
        paperwork_due_at=at + timedelta(hours=paperwork_hours()),
        decided_at=timezone.now() if decided else None, decided_by=person if decided else None,
        **{f: str(owner[f]).strip() for f in OWNER_FIELDS}))
    for n, line in enumerate(lines):
        _save_line(RequisitionLine(requisition=requisition, **{f: line[f] for f in LINE_FIELDS if f in line}), n)
    record(actor, "requisition.create", requisition,
           after=snapshot(requisition) | {"lines": [line.description for line in requisition.lines.all()]},
           unit=incident.township)
    _announce(requisition)
    return requisition


def _save_line(line: RequisitionLine, n: int):
    try:
        validated_save(line, exclude=["requisition"])
    except ValidationFailed as exc:
        raise ValidationFailed(exc.message, fields={f"lines.{n}.{k}": v for k, v in exc.fields.items()}) from exc


def _announce(requisition):
    publish(TOPIC, {"kind": "requisition", "id": requisition.pk, "incident": requisition.incident_id,
                    "status": requisition.status, "payment": requisition.payment_status},
            unit=requisition.incident.township)


@transaction.atomic
def do_issue_decision(actor, requisition: Requisition) -> Requisition:
    """The written decision (征用决定书) is issued: the paperwork deadline is met (or late, as its time shows)."""
    require(actor, "command.requisition")
    require_incident(actor, requisition.incident)
    requisition.refresh_from_db(from_queryset=Requisition.objects.select_for_update())
    if requisition.decided_at:
        raise Conflict(_("The decision was issued already."), code="already_decided")
    requisition.decided_at, requisition.decided_by = timezone.now(), actor if getattr(actor, "pk", None) else None
    requisition.save(update_fields=["decided_at", "decided_by"])
    record(actor, "requisition.decide", requisition, after={"decided_at": requisition.decided_at,
                                                           "late": requisition.decided_at > requisition.paperwork_due_at},
           unit=requisition.incident.township)
    _announce(requisition)
    return requisition


def line_compensation(line: RequisitionLine) -> Decimal:
    """What the owner is owed for one item: nothing when intact; when lost its value depreciated by the rule's
    percent per year of age (never below the rule's floor); when damaged the repair cost, at most that."""
    if line.outcome in ("", LineOutcome.INTACT):
        return Decimal(0).quantize(CENT)
    rate, floor = depreciation()
    share = max(Decimal(100 - rate * line.age_years), Decimal(floor)) / 100
    worth = (Decimal(line.value) * share).quantize(CENT, ROUND_HALF_UP)
    return worth if line.outcome == LineOutcome.LOST else min(Decimal(line.repair_cost).quantize(CENT), worth)


@REQUISITION_FLOW.entry("return")
@transaction.atomic
def do_return_requisition(actor, requisition: Requisition, returns: dict[int, dict]) -> Requisition:
    """The property comes back against the list: {line id: {condition_after, outcome, repair_cost}} for every
    line; damage or loss is certified by `actor` and compensation falls due."""
    require(actor, "command.requisition")
    require_incident(actor, requisition.incident)
    requisition.refresh_from_db(from_queryset=Requisition.objects.select_for_update())
    if requisition.status != RequisitionStatus.IN_USE:
        return REQUISITION_FLOW.take(actor, requisition, "return")  # the 409 naming the allowed states
    lines = list(requisition.lines.all())
    _check_returns(lines, returns)

    def settle(locked):
        total = Decimal(0).quantize(CENT)
        for line in lines:
            given = returns[line.pk]
            line.condition_after, line.outcome = given["condition_after"].strip(), given["outcome"]
            line.repair_cost = (Decimal(given.get("repair_cost") or 0) if line.outcome == LineOutcome.DAMAGED
                                else Decimal(0)).quantize(CENT)
            line.compensation = line_compensation(line)
            line.save(update_fields=["condition_after", "outcome", "repair_cost", "compensation"])
            total += line.compensation
        harmed = any(line.outcome != LineOutcome.INTACT for line in lines)
        return {"returned_at": timezone.now(), "compensation": total,
                "certified_by": actor if harmed and getattr(actor, "pk", None) else None,
                "payment_status": PaymentStatus.DUE if total else PaymentStatus.NONE}

    REQUISITION_FLOW.take(actor, requisition, "return", prepare=settle, track=("payment_status",),
                          audit={"lines": {str(line.pk): [line.outcome, str(line.compensation)] for line in lines}})
    _announce(requisition)
    return requisition


def _check_returns(lines, returns: dict):
    fields = {}
    known = {line.pk for line in lines}
    for pk in set(returns) - known:
        fields[f"lines.{pk}"] = [_("Not an item of this requisition.")]
    for line in lines:
        given = returns.get(line.pk)
        if given is None:
            fields[f"lines.{line.pk}"] = [_("Missing from the return: %s") % line.description]
            continue
        if given.get("outcome") not in LineOutcome.values:
            fields[f"lines.{line.pk}.outcome"] = [_("Choose intact, damaged or lost.")]
        if not str(given.get("condition_after") or "").strip():
            fields[f"lines.{line.pk}.condition_after"] = [_("Describe the condition after use.")]
        if given.get("outcome") == LineOutcome.DAMAGED and not Decimal(given.get("repair_cost") or 0) > 0:
            fields[f"lines.{line.pk}.repair_cost"] = [_("A damaged item needs its certified repair cost.")]
    if fields:
        raise ValidationFailed(_("Return every item against the list."), fields=fields)


@PAYMENT_FLOW.entry("approve")
@transaction.atomic
def do_approve_compensation(actor, requisition: Requisition) -> Requisition:
    PAYMENT_FLOW.take(actor, requisition, "approve", track=("compensation",))
    _announce(requisition)
    return requisition


@PAYMENT_FLOW.entry("pay")
@transaction.atomic
def do_pay_compensation(actor, requisition: Requisition) -> Requisition:
    PAYMENT_FLOW.take(actor, requisition, "pay", changes={"paid_at": timezone.now()}, track=("compensation",))
    _announce(requisition)
    return requisition


def open_paperwork(queryset):
    """Requisitions still waiting for their written decision, the earliest due first (the desk's deadlines)."""
    return queryset.filter(decided_at__isnull=True).order_by("paperwork_due_at")


__all__ = ["do_approve_compensation", "do_issue_decision", "do_pay_compensation", "do_requisition",
           "do_return_requisition", "line_compensation", "open_paperwork"]
