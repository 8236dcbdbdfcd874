"""The dispatch order's state machine (调度令流程): issued → acknowledged → departed → on scene → completed, or
declined by the team (from issued) or cancelled by the office (from any open state)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from countydesk.accounts.scoping import has_perm
from countydesk.base.errors import Forbidden
from countydesk.core.workflow import Workflow, step

from ..models.orders import OPEN_ORDER_STATUSES
from ..models.orders import OrderStatus as S


def require_team(actor, order):
    """The team's own leader (the team belongs to the leader's unit) updates an order; the office may act for them."""
    if has_perm(actor, "command.dispatch"):
        return
    unit = getattr(actor, "unit", None)
    if unit is None or not order.team.unit.is_within(unit):
        raise Forbidden(_("Only the ordered team's leader or the emergency office updates this order."))


def _team_step(name, source, target, label, **options):
    return step(name, source, target, f"order.{name}", perm="command.team_update", check=require_team, label=label,
                **options)


ORDER_FLOW = Workflow(S, [
    _team_step("acknowledge", S.ISSUED, S.ACKNOWLEDGED, pgettext_lazy("dispatch order", "Acknowledge")),
    _team_step("depart", S.ACKNOWLEDGED, S.DEPARTED, gettext_lazy("Departed")),
    _team_step("arrive", S.DEPARTED, S.ON_SCENE, gettext_lazy("On scene")),
    _team_step("complete", S.ON_SCENE, S.COMPLETED, gettext_lazy("Task completed")),
    _team_step("decline", S.ISSUED, S.DECLINED, gettext_lazy("Decline"), comment="reason", comment_required=True),
    step("cancel", OPEN_ORDER_STATUSES, S.CANCELLED, "order.cancel", perm="command.dispatch",
         label=gettext_lazy("Cancel order"), comment="reason", comment_required=True),
], unit=lambda order: order.team.unit)
