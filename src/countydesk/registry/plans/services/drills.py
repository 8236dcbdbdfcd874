"""Drills (演练): record them with their evaluation and improvement actions, then close the actions."""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.audit.services import changed_fields, record, snapshot
from countydesk.base.errors import Conflict, NotFound, ValidationFailed
from countydesk.base.services import apply_changes, validated_save

from ..choices import EFFECTIVE, EvaluationItem
from ..models import Drill, DrillScore, ImprovementAction, Plan
from .common import can_manage_unit, require_unit, visible_plans

DRILL_FIELDS = {"title", "held_on", "kind", "findings"}


def visible_drills(user):
    return Drill.objects.filter(plan__in=visible_plans(user))


def get_drill(user, pk) -> Drill:
    drill = visible_drills(user).select_related("plan__owner").filter(pk=pk).first()
    if drill is None:
        raise NotFound(_("No such record."))
    return drill


def drill_state(drill: Drill) -> dict:
    return snapshot(drill) | {
        "participants": sorted(u.pk for u in drill.participants.all()),
        "scores": {s.item: s.score for s in drill.scores.all()},
        "actions": [snapshot(a) for a in drill.actions.all()],
    }


def _set_scores(drill: Drill, scores: dict):
    unknown = set(scores) - set(EvaluationItem.values)
    if unknown:
        raise ValidationFailed(_("Unknown evaluation item."), fields={"scores": sorted(unknown)})
    for item, score in scores.items():
        if score is None:
            drill.scores.filter(item=item).delete()
            continue
        row = drill.scores.filter(item=item).first() or DrillScore(drill=drill, item=item)
        row.score = score
        validated_save(row)


def _add_actions(drill: Drill, actions: list[dict]):
    for action in actions:
        validated_save(ImprovementAction(drill=drill, **action))


def _refresh_last_drill(plan: Plan):
    latest = plan.drills.aggregate(latest=Max("held_on"))["latest"]
    Plan.objects.filter(pk=plan.pk).update(last_drilled_on=latest)


@transaction.atomic
def do_create_drill(actor, plan: Plan, *, participants=(), scores: dict | None = None, actions=(), **fields) -> Drill:
    """A drill of a plan in force; the plan's last-drill date follows the latest drill."""
    require(actor, "plans.manage_own")
    plan = Plan.objects.select_for_update().select_related("owner").get(pk=plan.pk)
    require_unit(actor, plan.owner)
    if plan.status not in EFFECTIVE:
        raise Conflict(_("Only a plan in force can be drilled."))
    drill = Drill(plan=plan)
    apply_changes(drill, fields, DRILL_FIELDS)
    if drill.held_on and plan.issued_on and drill.held_on < plan.issued_on:
        raise ValidationFailed(_("A drill cannot be held before its plan was issued."), fields={"held_on": [str(drill.held_on)]})
    validated_save(drill)
    drill.participants.set(participants)
    _set_scores(drill, scores or {})
    _add_actions(drill, list(actions))
    _refresh_last_drill(plan)
    record(actor, "drill.create", drill, after=drill_state(drill), unit=plan.owner)
    return drill


@transaction.atomic
def do_update_drill(actor, drill: Drill, *, participants=None, scores: dict | None = None, actions=(),
                    **changes) -> Drill:
    """Change a drill's facts, scores and participants, and add improvement actions."""
    drill = Drill.objects.select_for_update().select_related("plan__owner").get(pk=drill.pk)
    require_unit(actor, drill.plan.owner)
    before = drill_state(drill)
    apply_changes(drill, changes, DRILL_FIELDS)
    validated_save(drill)
    if participants is not None:
        drill.participants.set(participants)
    _set_scores(drill, scores or {})
    _add_actions(drill, list(actions))
    _refresh_last_drill(drill.plan)
    old, new = changed_fields(before, drill_state(drill))
    if new:
        record(actor, "drill.update", drill, before=old, after=new, unit=drill.plan.owner)
    return drill


@transaction.atomic
def do_close_action(actor, action: ImprovementAction, closed_on: date | None = None, note: str = "") -> ImprovementAction:
    """Close an improvement action (整改完成); closing it twice is a conflict."""
    action = ImprovementAction.objects.select_for_update().select_related("drill__plan__owner", "unit").get(pk=action.pk)
    require(actor, "plans.manage_own")
    if not can_manage_unit(actor, action.unit):
        require_unit(actor, action.drill.plan.owner)
    if action.closed_on:
        raise Conflict(_("This improvement action is already closed."))
    action.closed_on, action.closure_note = closed_on or timezone.localdate(), note
    validated_save(action)
    record(actor, "drill.action.close", action, before={"closed_on": None},
           after={"closed_on": action.closed_on, "closure_note": note}, unit=action.unit)
    return action
