"""Pages of allocations (物资调配) and requisitions (征用): lists with Excel export, record pages with their
workflow buttons and forms, the dashboard card of decisions due, and the incident panel's context."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countydesk.accounts.scoping import has_perm
from countydesk.base.errors import ServiceError
from countydesk.core.events import stream_url
from countydesk.core.ui.cards import cached_figure
from countydesk.core.ui.files import download
from countydesk.core.ui.lists import LinkColumn, ListPage
from countydesk.core.ui.tables import Column
from countydesk.core.ui.workflow import buttons, take_from_page
from countydesk.incidents.choices import OPEN_STATUSES

from .. import forms_stock as forms
from ..documents import DOCUMENTS, requisition_file
from ..models import LineOutcome
from ..services import allocations as allocation_services
from ..services import requisitions as requisition_services
from ..services.reach import allocations_for, requisitions_for, visible_incidents
from ..services.stock_flows import ALLOCATION_FLOW, PAYMENT_FLOW

ALLOCATIONS = ListPage(gettext_lazy("Allocations to scenes"), [
    LinkColumn(gettext_lazy("Number"), lambda a: a.pk, link=lambda a: f"/command/allocations/{a.pk}/"),
    Column(gettext_lazy("Incident"), lambda a: a.incident.title),
    Column(gettext_lazy("Depot"), lambda a: a.depot.name),
    Column(gettext_lazy("Status"), lambda a: a.get_status_display()),
    Column(gettext_lazy("Destination"), lambda a: a.destination),
    Column(gettext_lazy("Allocated at"), lambda a: a.created_at),
    Column(gettext_lazy("Shipped at"), lambda a: a.shipped_at),
    Column(gettext_lazy("Delivered at"), lambda a: a.delivered_at),
], "allocations")

REQUISITIONS = ListPage(gettext_lazy("Requisitions"), [
    LinkColumn(gettext_lazy("Number"), lambda r: r.pk, link=lambda r: f"/command/requisitions/{r.pk}/"),
    Column(gettext_lazy("Incident"), lambda r: r.incident.title),
    Column(gettext_lazy("Owner"), lambda r: r.owner_name),
    Column(gettext_lazy("Purpose"), lambda r: r.purpose),
    Column(gettext_lazy("Requisitioned at"), lambda r: r.requisitioned_at),
    Column(gettext_lazy("Decision due by"), lambda r: r.paperwork_due_at),
    Column(gettext_lazy("Decision issued at"), lambda r: r.decided_at),
    Column(gettext_lazy("Status"), lambda r: r.get_status_display()),
    Column(gettext_lazy("Compensation"), lambda r: r.get_payment_status_display()),
    Column(gettext_lazy("Compensation (yuan)"), lambda r: r.compensation),
], "requisitions")


def _run(request, fn, *args, **kwargs):
    """Call a service; its refusal becomes a message on the page instead of a change."""
    try:
        result = fn(request.user, *args, **kwargs)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return None
    messages.success(request, _("Saved."))
    return result


def _open_incidents(user):
    return visible_incidents(user).filter(status__in=OPEN_STATUSES).order_by("-received_at")


@login_required
def allocations(request):
    user = request.user
    form = forms.AllocationFilterForm(request.GET or None)
    new_form = None
    if has_perm(user, "command.allocate"):
        new_form = forms.AllocationForm(request.POST or None, incidents=_open_incidents(user))
        if request.method == "POST" and new_form.is_valid():
            data = new_form.cleaned_data
            made = _run(request, allocation_services.do_allocate, data["incident"], data["depot"],
                        [(data["item"], data["quantity"])], data["destination"])
            if made:
                return redirect("command:allocation", pk=made.pk)
    rows = form.filter(allocations_for(user).order_by("-created_at", "-id"))
    return ALLOCATIONS.respond(request, rows, form, {"new_form": new_form, "stream": stream_url("command.stock")},
                               template="command/allocation_list.html")


def _quantities(request, lines, prefix: str) -> dict | None:
    try:
        return {line.item_id: Decimal(request.POST.get(f"{prefix}_{line.item_id}") or 0) for line in lines}
    except InvalidOperation:
        messages.error(request, _("Enter the quantities as numbers."))
        return None


@login_required
def allocation_detail(request, pk):
    allocation = get_object_or_404(allocations_for(request.user), pk=pk)
    lines = list(allocation.lines.select_related("item"))
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in ("deliver_part", "return"):
            amounts = _quantities(request, lines, action)
            service = allocation_services.do_deliver if action == "deliver_part" else allocation_services.do_return
            if amounts is not None:
                _run(request, service, allocation, amounts)
        else:
            take_from_page(request, ALLOCATION_FLOW, action, allocation)
        return redirect("command:allocation", pk=allocation.pk)
    allowed = ALLOCATION_FLOW.allowed(allocation)
    may = has_perm(request.user, "command.allocate")
    movements = [m for line in allocation.lines.select_related("hold") for m in
                 line.hold.movements.select_related("batch", "item").order_by("id")]
    return render(request, "command/allocation_detail.html", {
        "allocation": allocation, "lines": lines, "buttons": buttons(ALLOCATION_FLOW, request.user, allocation),
        "can_deliver": may and "partly_delivered" in allowed, "can_return": may and "closed" in allowed,
        "movements": movements, "stream": stream_url("command.stock")})


@login_required
def requisitions(request):
    user = request.user
    new_form = None
    if has_perm(user, "command.requisition"):
        new_form = forms.RequisitionForm(request.POST or None, incidents=_open_incidents(user))
        if request.method == "POST" and new_form.is_valid():
            made = _run(request, requisition_services.do_requisition, new_form.cleaned_data["incident"],
                        new_form.owner(), new_form.cleaned_data["purpose"], new_form.lines(),
                        decided=new_form.cleaned_data["decided"])
            if made:
                return redirect("command:requisition", pk=made.pk)
    rows = requisitions_for(user).order_by("-requisitioned_at", "-id")
    return REQUISITIONS.respond(request, rows, None, {"new_form": new_form, "stream": stream_url("command.stock")},
                                template="command/requisition_list.html")


def _returns(request, lines) -> dict:
    return {line.pk: {"condition_after": request.POST.get(f"condition_{line.pk}", ""),
                      "outcome": request.POST.get(f"outcome_{line.pk}", ""),
                      "repair_cost": request.POST.get(f"repair_{line.pk}") or 0} for line in lines}


@login_required
def requisition_detail(request, pk):
    requisition = get_object_or_404(requisitions_for(request.user), pk=pk)
    lines = list(requisition.lines.all())
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "decide":
            _run(request, requisition_services.do_issue_decision, requisition)
        elif action == "return":
            try:
                _run(request, requisition_services.do_return_requisition, requisition, _returns(request, lines))
            except InvalidOperation:
                messages.error(request, _("Enter the repair costs as numbers."))
        else:
            take_from_page(request, PAYMENT_FLOW, action, requisition)
        return redirect("command:requisition", pk=requisition.pk)
    may = has_perm(request.user, "command.requisition")
    return render(request, "command/requisition_detail.html", {
        "requisition": requisition, "lines": lines, "may": may, "outcomes": LineOutcome.choices,
        "can_return": may and requisition.status == "in_use",
        "payment_buttons": buttons(PAYMENT_FLOW, request.user, requisition),
        "documents": [(key, name) for key, (_build, name) in DOCUMENTS.items()],
        "stream": stream_url("command.stock")})


@login_required
def requisition_document(request, pk, document):
    requisition = get_object_or_404(requisitions_for(request.user), pk=pk)
    if document not in DOCUMENTS:
        return redirect("command:requisition", pk=pk)
    return download(*requisition_file(requisition, document))


def _scope_key(user) -> str:
    """Who sees the same requisitions: everyone on the desk alike, else the users of one unit with the same reach."""
    if has_perm(user, "incidents.desk"):
        return "all"
    return f"unit:{user.unit_id}:{has_perm(user, 'incidents.view')}"


def paperwork_card(request):
    """The dashboard's deadlines of requisition decisions (征用决定书补办时限) still open, earliest first (the rows
    shared by everyone of the same reach are cached until the data changes; the countdown is worded per request)."""
    def due():
        rows = requisition_services.open_paperwork(requisitions_for(request.user))[:8]
        return [{"pk": r.pk, "owner_name": r.owner_name, "incident": r.incident.title, "due": r.paperwork_due_at}
                for r in rows]

    rows = cached_figure(request, f"command-paperwork:{_scope_key(request.user)}", due)
    return {"due": rows} if rows else None


def stock_panel(request, incident) -> dict:
    """Context of the command page's panel for `incident` (template command/stock_panel.html): its allocations and
    requisitions as the user may see them."""
    return {"allocations": allocations_for(request.user).filter(incident=incident).prefetch_related("lines__item"),
            "requisitions": requisitions_for(request.user).filter(incident=incident)}
