"""Supplies pages (物资装备库): thin, reading through scoping and writing through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from countydesk.accounts.scoping import has_perm, is_county_wide, scope
from countydesk.base.errors import ServiceError
from countydesk.orgs.models import Unit
from countydesk.registry.sheets import views as sheet_pages
from countydesk.core.ui.lists import LinkColumn, ListPage
from countydesk.core.ui.tables import Column, xlsx_response

from . import forms, services
from .services.flows import TRANSFER_FLOW
from .choices import CampaignStatus, TransferStatus
from .models import (BatchBalance, CensusCampaign, CensusUpload, Depot, Item, ReserveQuota, StockHold, StockMovement,
                     TransferOrder)
from .services.common import can_manage_unit
from .services.expiry import warning_kind


def _run(request, fn, *args, success=None, **kwargs):
    """Call a service; its error becomes a message on the page instead of a change."""
    try:
        result = fn(request.user, *args, **kwargs)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return None
    messages.success(request, success or _("Saved."))
    return result


def _scoped(user, queryset, pk, unit_field="unit"):
    """One object inside the user's scope, or the 404 page."""
    return get_object_or_404(scope(user, queryset, unit_field), pk=pk)


def _depots(user):
    return scope(user, Depot.objects.select_related("unit"))


def _managed_units(user):
    return Unit.objects.all() if has_perm(user, "supplies.manage") else scope(user, Unit.objects.all(), "self")


CATALOGUE = ListPage(gettext_lazy("Supplies catalogue (GB/T 38565)"), [
    Column(gettext_lazy("Code"), lambda i: i.code),
    Column(gettext_lazy("Supply item"), lambda i: i.name),
    Column(gettext_lazy("Category"), lambda i: i.category.name),
    Column(gettext_lazy("Unit of measure"), lambda i: i.unit_of_measure),
    Column(gettext_lazy("Shelf life (days)"), lambda i: i.shelf_life_days),
    Column(gettext_lazy("Equipment"), lambda i: i.is_equipment),
], "supplies-catalogue", per_page=100)


@login_required
def catalogue(request):
    form = forms.CatalogueFilterForm(request.GET or None)
    return CATALOGUE.respond(request, form.filter(Item.objects.select_related("category")), form,
                             sheet_pages.links(request.user, "supplies"), template="supplies/list.html")


DEPOTS = ListPage(gettext_lazy("Supplies depots"), [
    LinkColumn(gettext_lazy("Depot"), lambda d: d.name, link=lambda d: f"/supplies/depots/{d.pk}/"),
    Column(gettext_lazy("Kind"), lambda d: d.get_kind_display()),
    Column(gettext_lazy("Owning unit"), lambda d: d.unit.name),
    Column(gettext_lazy("Address"), lambda d: d.address),
    Column(gettext_lazy("Manager"), lambda d: d.manager),
    Column(gettext_lazy("Phone"), lambda d: d.phone),
], "supplies-depots")


@login_required
def depots(request):
    form = forms.DepotFilterForm(request.GET or None)
    extra = {"new_url": "/supplies/depots/new/" if has_perm(request.user, "supplies.manage_own") else None,
             "stock_io": sheet_pages.links(request.user, "stock")["io"]} | sheet_pages.links(request.user, "depots")
    return DEPOTS.respond(request, form.filter(_depots(request.user)), form, extra, template="supplies/list.html")


@login_required
def depot_new(request):
    form = forms.DepotForm(request.POST or None, units=_managed_units(request.user))
    if request.method == "POST" and form.is_valid():
        depot = _run(request, services.do_create_depot, **form.cleaned_data)
        if depot:
            return redirect("supplies:depot", pk=depot.pk)
    return render(request, "supplies/form.html", {"title": _("New depot"), "form": form})


@login_required
def depot_detail(request, pk):
    depot = _scoped(request.user, Depot.objects.select_related("unit"), pk)
    quotas = ReserveQuota.objects.filter(depot=depot).select_related("item")
    short = {q.pk: q.shortfall for q in services.shortfalls(quotas)}
    context = {
        "depot": depot, "stock": services.depot_stock(depot), "today": timezone.localdate(),
        "can_manage": can_manage_unit(request.user, depot.unit), "entry_form": forms.EntryForm(),
        "quota_form": forms.QuotaForm(), "quotas": [(q, short.get(q.pk)) for q in quotas],
        "holds": StockHold.objects.filter(depot=depot, quantity__gt=0).select_related("item"),
    }
    return render(request, "supplies/depot_detail.html", context)


@login_required
@require_POST
def depot_entry(request, pk):
    depot = _scoped(request.user, Depot.objects.select_related("unit"), pk)
    form = forms.EntryForm(request.POST)
    if form.is_valid():
        _run(request, services.do_record_entry, depot, **form.cleaned_data, success=_("Recorded in the ledger."))
    else:
        messages.error(request, "; ".join(f"{form[f].label}: {' '.join(e)}" for f, e in form.errors.items()))
    return redirect("supplies:depot", pk=depot.pk)


@login_required
@require_POST
def depot_quota(request, pk):
    depot = _scoped(request.user, Depot.objects.select_related("unit"), pk)
    form = forms.QuotaForm(request.POST)
    if form.is_valid():
        _run(request, services.do_set_quota, depot, form.cleaned_data["item"], form.cleaned_data["quantity"])
    return redirect("supplies:depot", pk=depot.pk)


LEDGER = ListPage(gettext_lazy("Stock ledger"), [
    Column(gettext_lazy("Time"), lambda m: m.at),
    Column(gettext_lazy("Kind"), lambda m: m.get_kind_display()),
    Column(gettext_lazy("Code"), lambda m: m.item.code),
    Column(gettext_lazy("Supply item"), lambda m: m.item.name),
    Column(gettext_lazy("Batch"), lambda m: m.batch.batch_no),
    Column(gettext_lazy("Expiry date"), lambda m: m.batch.expiry_date),
    Column(gettext_lazy("Quantity"), lambda m: m.quantity),
    Column(gettext_lazy("Unit of measure"), lambda m: m.unit_of_measure),
    Column(gettext_lazy("Batch balance after"), lambda m: m.balance_after),
    Column(gettext_lazy("Recorded by"), lambda m: m.actor.display_name if m.actor else _("system")),
    Column(gettext_lazy("Reason"), lambda m: m.reason),
    Column(gettext_lazy("Reference"), lambda m: m.reference),
], "supplies-ledger")


@login_required
def ledger(request, pk):
    depot = _scoped(request.user, Depot.objects.select_related("unit"), pk)
    form = forms.LedgerFilterForm(request.GET or None)
    movements = form.filter(StockMovement.objects.filter(depot=depot).select_related("item", "batch", "actor"))
    return LEDGER.respond(request, movements, form, {"title": _("Stock ledger: %s") % depot.name,
                                                     "back": f"/supplies/depots/{depot.pk}/"},
                          template="supplies/list.html")


SHORTFALLS = ListPage(gettext_lazy("Reserve quota shortfalls"), [
    LinkColumn(gettext_lazy("Depot"), lambda q: q.depot.name, link=lambda q: f"/supplies/depots/{q.depot_id}/"),
    Column(gettext_lazy("Owning unit"), lambda q: q.depot.unit.name),
    Column(gettext_lazy("Supply item"), lambda q: q.item.name),
    Column(gettext_lazy("Quota"), lambda q: q.quantity),
    Column(gettext_lazy("Usable stock"), lambda q: q.usable),
    Column(gettext_lazy("Expired stock"), lambda q: q.expired),
    Column(gettext_lazy("Shortfall"), lambda q: q.shortfall),
    Column(gettext_lazy("Unit of measure"), lambda q: q.item.unit_of_measure),
], "supplies-shortfalls")


@login_required
def shortfalls(request):
    quotas = scope(request.user, ReserveQuota.objects.all(), "depot__unit")
    return SHORTFALLS.respond(request, services.shortfalls(quotas), None, {"printable": True},
                              template="supplies/list.html")


EXPIRY = ListPage(gettext_lazy("Expiring and expired supplies"), [
    Column(gettext_lazy("Status"), lambda b: warning_kind(b, timezone.localdate()).label),
    Column(gettext_lazy("Expiry date"), lambda b: b.batch.expiry_date),
    LinkColumn(gettext_lazy("Depot"), lambda b: b.depot.name, link=lambda b: f"/supplies/depots/{b.depot_id}/"),
    Column(gettext_lazy("Supply item"), lambda b: b.item.name),
    Column(gettext_lazy("Batch"), lambda b: b.batch.batch_no),
    Column(gettext_lazy("Quantity"), lambda b: b.quantity),
    Column(gettext_lazy("Unit of measure"), lambda b: b.item.unit_of_measure),
], "supplies-expiry")


@login_required
def expiry(request):
    form = forms.ExpiryFilterForm(request.GET or None)
    days = form.cleaned_data["days"] if form.is_valid() else None
    balances = services.expiring_batches(scope(request.user, BatchBalance.objects.all(), "depot__unit"),
                                         days=days)
    return EXPIRY.respond(request, balances, form)


TRANSFERS = ListPage(gettext_lazy("Supply transfers"), [
    LinkColumn(gettext_lazy("No."), lambda t: t.pk, link=lambda t: f"/supplies/transfers/{t.pk}/"),
    Column(gettext_lazy("Emergency delivery"), lambda t: t.emergency),
    Column(gettext_lazy("Status"), lambda t: t.get_status_display()),
    Column(gettext_lazy("From depot"), lambda t: t.from_depot.name),
    Column(gettext_lazy("To depot"), lambda t: t.to_depot.name),
    Column(gettext_lazy("Reason"), lambda t: t.reason),
    Column(gettext_lazy("Requested at"), lambda t: t.requested_at),
], "supplies-transfers")


def _transfers(user):
    reachable = _depots(user)
    qs = TransferOrder.objects.select_related("from_depot", "to_depot")
    return qs if is_county_wide(user) else qs.filter(from_depot__in=reachable) | qs.filter(to_depot__in=reachable)


@login_required
def transfers(request):
    form = forms.TransferFilterForm(request.GET or None)
    new_form = forms.TransferForm(request.POST or None, to_depots=_depots(request.user))
    if request.method == "POST" and new_form.is_valid():
        data = new_form.cleaned_data
        order = _run(request, services.do_request_transfer, data["from_depot"], data["to_depot"],
                     [(data["item"], data["quantity"])], data["reason"], data["emergency"])
        if order:
            return redirect("supplies:transfer", pk=order.pk)
    extra = {"new_form": new_form if has_perm(request.user, "supplies.manage_own") else None}
    return TRANSFERS.respond(request, form.filter(_transfers(request.user)), form, extra,
                             template="supplies/transfers.html")


@login_required
def transfer_detail(request, pk):
    order = get_object_or_404(_transfers(request.user), pk=pk)
    if request.method == "POST" and request.POST.get("to") in TRANSFER_FLOW.table:
        to = TRANSFER_FLOW.towards(order, request.POST["to"])  # a stale page: the readable 409 page
        _run(request, lambda user, obj: TRANSFER_FLOW.run(to.name, user, obj), order)
        return redirect("supplies:transfer", pk=order.pk)
    context = {"order": order, "lines": order.lines.select_related("item"),
               "movements": order.movements.select_related("item", "batch", "depot").order_by("id"),
               "actions": sorted((t.target, t.label) for t in TRANSFER_FLOW.available(request.user, order))}
    return render(request, "supplies/transfer_detail.html", context)


@login_required
def census(request):
    user = request.user
    campaign = CensusCampaign.objects.filter(status=CampaignStatus.OPEN).first()
    units = _managed_units(user).filter(kind__in=services.census.CENSUS_UNIT_KINDS)
    if not has_perm(user, "supplies.manage_own"):
        units = units.none()
    campaign_form = forms.CampaignForm(request.POST or None) if has_perm(user, "supplies.manage") else None
    if request.method == "POST" and campaign_form and campaign_form.is_valid():
        _run(request, services.do_open_campaign, **campaign_form.cleaned_data)
        return redirect("supplies:census")
    initial = {"unit": user.unit_id}
    context = {"campaign": campaign, "campaign_form": campaign_form,
               "upload_form": forms.CensusUploadForm(units=units, initial=initial),
               "template_form": forms.CensusUploadForm(units=units, initial=initial, auto_id="template_%s"),
               "uploads": scope(user, CensusUpload.objects.select_related("unit", "campaign"))[:20],
               "summary": services.census_summary(campaign) if campaign and is_county_wide(user) else None,
               "can_upload": units.exists()}
    return render(request, "supplies/census.html", context)


@login_required
def census_template(request):
    unit = _scoped(request.user, Unit.objects.all(), request.GET.get("unit") or request.user.unit_id, "self")
    response = HttpResponse(services.census_template(unit),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = content_disposition_header(True, f"census-{unit.name}.xlsx")
    return response


@login_required
@require_POST
def census_upload(request):
    campaign = CensusCampaign.objects.filter(status=CampaignStatus.OPEN).first()
    form = forms.CensusUploadForm(request.POST, request.FILES, units=_managed_units(request.user))
    if campaign is None or not form.is_valid():
        messages.error(request, _("Choose an open census, your unit and an .xlsx file."))
        return redirect("supplies:census")
    data = form.cleaned_data
    try:
        upload = services.do_upload_census(request.user, campaign, data["unit"], data["file"].read(),
                                           data["file"].name, data["mode"])
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("supplies:census")
    _upload_outcome(request, upload)
    return redirect("supplies:census_report", pk=upload.pk)


def _upload_outcome(request, upload):
    """Say what became of the file: imported, or (with its problems) nothing stored."""
    n = len(upload.errors)
    if upload.imported_at:
        messages.success(request, _("The file was checked and %(n)d rows were imported.") % {"n": upload.imported_rows})
    elif n:
        messages.error(request, ngettext("The file has %(n)d problem: nothing was imported.",
                                         "The file has %(n)d problems: nothing was imported.", n) % {"n": n})
    else:
        messages.success(request, _("The file was checked: no problems. Nothing was imported yet."))


REPORT_COLUMNS = [Column(gettext_lazy("Row"), lambda e: e["row"]),
                  Column(gettext_lazy("Column"), lambda e: e["column"]),
                  Column(gettext_lazy("Problem"), lambda e: e["message"])]


@login_required
def census_report(request, pk):
    upload = _scoped(request.user, CensusUpload.objects.select_related("unit", "campaign", "depot"), pk)
    if request.method == "POST":
        _run(request, services.do_import_census_upload, upload, good_rows_only=bool(request.POST.get("good_rows_only")),
             success=_("Imported as receipts."))
        return redirect("supplies:census_report", pk=upload.pk)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(_("Census check report"), REPORT_COLUMNS, upload.errors, f"census-report-{upload.pk}")
    can_import = can_manage_unit(request.user, upload.unit) and not upload.imported_at and upload.good_rows
    return render(request, "supplies/census_report.html", {"upload": upload, "can_import": can_import,
                                                           "good": len(upload.good_rows)})


def dashboard_card(request):
    """Emergency staff (and unit leaders, for their own unit): shortfalls, expiring batches, pending transfers."""
    user = request.user
    quotas = scope(user, ReserveQuota.objects.all(), "depot__unit")
    balances = scope(user, BatchBalance.objects.all(), "depot__unit")
    pending = _transfers(user).filter(status__in=[TransferStatus.REQUESTED, TransferStatus.APPROVED,
                                                  TransferStatus.DISPATCHED])
    transfers = pending.aggregate(pending=Count("pk"), emergency=Count("pk", filter=Q(emergency=True)))
    return {"shortfalls": services.shortfalls(quotas).count(), "expiring": services.expiring_batches(balances).count(),
            **transfers}
