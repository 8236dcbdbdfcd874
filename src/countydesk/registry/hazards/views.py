"""Hazard pages (风险隐患库): thin, reading through scoping and writing through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from countydesk.accounts.scoping import scope
from countydesk.base.errors import ServiceError, TransitionNotAllowed
from countydesk.core import records
from countydesk.core.ui import pages
from countydesk.registry.teams.forms import FilterForm
from countydesk.registry.teams.views import list_extra
from countydesk.core.ui.lists import LinkColumn, ListPage
from countydesk.core.ui.tables import Column

from . import forms, services
from .choices import DangerStatus, HazardKind
from .flows import DANGER_FLOW
from .models import Hazard, HiddenDanger

HAZARDS = ListPage(gettext_lazy("Hazard sources"), [
    LinkColumn(gettext_lazy("Name"), lambda h: h.name, link=lambda h: f"/hazards/{h.pk}/"),
    Column(gettext_lazy("Kind"), lambda h: h.get_kind_display()),
    Column(gettext_lazy("Level"), lambda h: h.get_level_display()),
    Column(gettext_lazy("Responsible unit"), lambda h: h.unit.name),
    Column(gettext_lazy("Address"), lambda h: h.address),
], "hazards")


def _hazards(user):
    return scope(user, Hazard.objects.select_related("unit"))


@login_required
def hazard_list(request):
    form = FilterForm(request.GET or None, choices=HazardKind.choices, label=_("Kind"), choice_field="kind",
                      text_fields=("name", "address", "unit__name"))
    return HAZARDS.respond(request, form.filter(_hazards(request.user)), form,
                           list_extra(request.user, "hazards", "/hazards/new/", "hazards"),
                           template="core/record_list.html")


@login_required
def hazard_detail(request, pk):
    hazard = get_object_or_404(_hazards(request.user), pk=pk)
    can = records.can_manage(request.user, hazard.unit, "hazards")
    add = (lambda what: f"/hazards/{hazard.pk}/add/{what}/") if can else (lambda what: None)
    return pages.Detail(hazard.name, [
        (_("Kind"), hazard.get_kind_display()), (_("Level"), hazard.get_level_display()),
        (_("Responsible unit"), hazard.unit.name), (_("Address"), hazard.address),
        (_("Location"), f"{hazard.lat:.5f}, {hazard.lon:.5f}" if hazard.lat is not None else ""),
        (_("Monitoring notes"), hazard.monitoring),
    ], [
        pages.Table(_("Inspections"), [_("Date"), _("Inspector"), _("Findings")],
                  [[i.date, i.inspector, i.findings] for i in hazard.inspections.all()], add("inspection")),
        pages.Table(_("Hidden dangers"), [_("Description"), _("Level"), _("Found on"), _("Deadline"), _("Status")],
                  [[d.description, d.get_level_display(), d.found_on, d.deadline, d.get_status_display()]
                   for d in hazard.dangers.all()], add("danger")),
    ], [(_("Edit"), f"/hazards/{hazard.pk}/edit/")] if can else []).render(request)


@login_required
def hazard_new(request):
    form = forms.HazardForm(request.POST or None, user=request.user)
    return pages.form_page(request, form, services.do_create_hazard, _("New hazard source"),
                         lambda h: f"/hazards/{h.pk}/")


@login_required
def hazard_edit(request, pk):
    hazard = get_object_or_404(_hazards(request.user), pk=pk)
    form = forms.HazardForm(request.POST or None, instance=Hazard.objects.get(pk=pk), user=request.user)
    return pages.form_page(request, form, lambda user, **d: services.do_update_hazard(user, hazard, **d),
                         _("Edit hazard source"), lambda h: f"/hazards/{h.pk}/")


CHILDREN = {
    "inspection": (forms.InspectionForm, services.do_record_inspection, gettext_lazy("Record inspection")),
    "danger": (forms.DangerForm, services.do_report_danger, gettext_lazy("Report hidden danger")),
}


@login_required
def hazard_add(request, pk, what):
    if what not in CHILDREN:
        raise Http404
    hazard = get_object_or_404(_hazards(request.user), pk=pk)
    form_class, service, title = CHILDREN[what]
    return pages.form_page(request, form_class(request.POST or None),
                         lambda user, **d: service(user, hazard=hazard, **d),
                         f"{hazard.name} · {title}", lambda obj: f"/hazards/{hazard.pk}/")


DANGERS = ListPage(gettext_lazy("Hidden dangers"), [
    LinkColumn(gettext_lazy("Description"), lambda d: d.description, link=lambda d: f"/hazards/dangers/{d.pk}/"),
    Column(gettext_lazy("Hazard source"), lambda d: d.hazard.name),
    Column(gettext_lazy("Responsible unit"), lambda d: d.hazard.unit.name),
    Column(gettext_lazy("Level"), lambda d: d.get_level_display()),
    Column(gettext_lazy("Deadline"), lambda d: d.deadline),
    Column(gettext_lazy("Status"), lambda d: d.get_status_display()),
], "hidden-dangers")


@login_required
def danger_list(request):
    form = FilterForm(request.GET or None, choices=DangerStatus.choices, label=_("Status"), choice_field="status",
                      text_fields=("description", "hazard__name"))
    dangers = services.overdue_dangers() if request.GET.get("overdue") else HiddenDanger.objects.select_related(
        "hazard__unit")
    return DANGERS.respond(request, form.filter(scope(request.user, dangers, "hazard__unit")), form)


def _danger(user, pk):
    return get_object_or_404(scope(user, HiddenDanger.objects.select_related("hazard__unit"), "hazard__unit"), pk=pk)


@login_required
def danger_detail(request, pk):
    danger = _danger(request.user, pk)
    moves = sorted((t.target, t.label) for t in DANGER_FLOW.available(request.user, danger))
    return pages.Detail(danger.description, [
        (_("Hazard source"), danger.hazard.name), (_("Level"), danger.get_level_display()),
        (_("Found on"), danger.found_on), (_("Deadline"), danger.deadline),
        (_("Rectification measures"), danger.measures), (_("Status"), danger.get_status_display()),
        (_("Closed on"), danger.closed_on),
    ]).render(request, {"moves": moves, "danger": danger}, template="hazards/danger.html")


@login_required
@require_POST
def danger_move(request, pk):
    danger = _danger(request.user, pk)
    try:
        services.do_move_danger(request.user, danger, request.POST.get("to", ""))
    except TransitionNotAllowed:
        raise  # a stale page: the readable 409 page naming the allowed next states
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Saved."))
    return redirect(f"/hazards/dangers/{danger.pk}/")


def dashboard_card(request):
    return {"overdue": scope(request.user, services.overdue_dangers(), "hazard__unit").count()}
