"""The team leader's phone-sized page (我的调度令): the open orders of the leader's team(s) with big buttons."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.core.ui.workflow import buttons

from ..flows.orders import ORDER_FLOW
from ..models.orders import OPEN_ORDER_STATUSES
from ..services.orders import orders_for, sees_all_orders


def leader_orders(user):
    """Open orders of the teams in the user's unit (the office, which may act for any team, sees them all)."""
    orders = orders_for(user).filter(status__in=OPEN_ORDER_STATUSES)
    if not sees_all_orders(user):
        orders = orders.filter(team__unit__path__startswith=user.unit.path) if user.unit_id else orders.none()
    return orders.prefetch_related("experts").order_by("issued_at", "id")


@login_required
def my_orders(request):
    require(request.user, "command.team_update")
    rows = [{"order": o, "buttons": buttons(ORDER_FLOW, request.user, o)} for o in leader_orders(request.user)]
    return render(request, "command/my_orders.html", {"title": _("My dispatch orders"), "rows": rows})
