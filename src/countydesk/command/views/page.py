"""The command page (指挥调度台) of one active incident: map, panels (orders, timeline, the issue form and what
other features register), live through the `command.incident` event stream; and the list of active incidents."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from countydesk.accounts.scoping import require
from countydesk.base.errors import ServiceError
from countydesk.core.events import stream_url
from countydesk.core.ui.lists import LinkColumn, ListPage
from countydesk.core.ui.tables import Column
from countydesk.core.ui.workflow import take_from_page
from countydesk.incidents.choices import OPEN_STATUSES

from .. import page as registry
from ..flows.orders import ORDER_FLOW
from ..services import orders as services
from .order_forms import IssueOrderForm


def visible_incident(request, pk):
    """The incident if the viewer may open its command page: 403 without command.view, 404 outside their scope."""
    require(request.user, "command.view")
    incident = services.command_incidents_for(request.user).select_related("township").filter(pk=pk).first()
    if incident is None:
        raise Http404
    return incident


def _layers():
    return [{"name": layer.name, "label": str(layer.label), "color": layer.color} for layer in registry.layers()]


@login_required
def command_page(request, pk):
    incident = visible_incident(request, pk)
    if request.method == "POST":
        _issue(request, incident)
        return redirect("command:page", pk=incident.pk)
    return render(request, "command/page.html", {
        "incident": incident, "title": _("Command page: %s") % incident.title,
        "panels": registry.rendered_panels(request, incident), "layers": _layers(),
        "stream_url": stream_url(services.TOPIC), "state_url": reverse("command:state", args=[incident.pk]),
        "active": incident.status in OPEN_STATUSES, "map_tiles": settings.MAP_TILE_URL})


def _issue(request, incident):
    form = IssueOrderForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
                                          for f, e in form.errors.items()))
        return
    data = form.cleaned_data
    try:
        services.do_issue_order(request.user, incident, data["team"], data["task"], list(data["experts"]),
                                data["destination"])
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Order issued to %s.") % data["team"].name)


@login_required
@require_GET
def command_state(request, pk):
    """The page's fragments and map layers as JSON: what the page redraws when an event arrives."""
    incident = visible_incident(request, pk)
    return JsonResponse({"incident": incident.pk, "panels": registry.rendered_panels(request, incident),
                         "map": registry.map_data(incident, request.user)}, json_dumps_params={"ensure_ascii": False})


@login_required
@require_GET
def command_map(request, pk):
    incident = visible_incident(request, pk)
    return JsonResponse(registry.map_data(incident, request.user), json_dumps_params={"ensure_ascii": False})


@login_required
@require_POST
def order_action(request, pk):
    """A button of an order (on the command page or the team leader's page): its transition through its service."""
    require(request.user, "command.view")
    order = services.orders_for(request.user).filter(pk=pk).first()
    if order is None:
        raise Http404
    take_from_page(request, ORDER_FLOW, request.POST.get("action", ""), order)
    back = request.POST.get("next", "")
    if back == "mine":
        return redirect("command:my_orders")
    return redirect("command:page", pk=order.incident_id)


ACTIVE_LIST = ListPage(gettext_lazy("Command desk"), [
    LinkColumn(gettext_lazy("Incident"), lambda i: f"{i.number} {i.title}",
               link=lambda i: reverse("command:page", args=[i.pk])),
    Column(gettext_lazy("Grade"), lambda i: i.get_grade_display()),
    Column(gettext_lazy("Status"), lambda i: i.get_status_display()),
    Column(gettext_lazy("Township"), lambda i: i.township.name if i.township_id else ""),
    Column(gettext_lazy("Received at"), lambda i: i.received_at),
], "active-incidents")


@login_required
def active_incidents(request):
    """The active incidents the viewer may command or follow, each linking to its command page."""
    require(request.user, "command.view")
    incidents = services.command_incidents_for(request.user).filter(status__in=OPEN_STATUSES)
    return ACTIVE_LIST.respond(request, incidents.select_related("township").order_by("grade", "-received_at"))
