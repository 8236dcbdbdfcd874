"""Shelter and protected-target pages, the public nearest-shelter page and the emergency map."""

from importlib.util import find_spec
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Case, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.cache import cache_control
from django.views.static import serve

from countydesk.accounts.scoping import has_perm
from countydesk.orgs.choices import UnitKind
from countydesk.orgs.models import Unit
from countydesk.registry.sheets import views as sheet_pages
from countydesk.core import records
from countydesk.core.ui import pages
from countydesk.registry.teams.forms import FilterForm
from countydesk.registry.teams.views import list_extra
from countydesk.core.ui.lists import LinkColumn, ListPage
from countydesk.core.ui.tables import Column

from . import forms, rules, services
from .choices import ShelterStatus, TargetKind
from .models import ProtectedTarget, Shelter

SHELTERS = ListPage(gettext_lazy("Shelters"), [
    LinkColumn(gettext_lazy("Name"), lambda s: s.name, link=lambda s: f"/places/shelters/{s.pk}/"),
    Column(gettext_lazy("Managing unit"), lambda s: s.unit.name),
    Column(gettext_lazy("Capacity (people)"), lambda s: s.capacity),
    Column(gettext_lazy("Area (m²)"), lambda s: s.area_m2),
    Column(gettext_lazy("Status"), lambda s: s.get_status_display()),
    Column(gettext_lazy("Address"), lambda s: s.address),
    Column(gettext_lazy("Manager phone"), lambda s: s.manager_phone),
], "shelters")


@login_required
def shelter_list(request):
    form = FilterForm(request.GET or None, choices=ShelterStatus.choices, label=_("Status"), choice_field="status",
                      text_fields=("name", "address", "unit__name"))
    return SHELTERS.respond(request, form.filter(Shelter.objects.select_related("unit")), form,
                            list_extra(request.user, "places", "/places/shelters/new/", "shelters"),
                            template="core/record_list.html")


@login_required
def shelter_detail(request, pk):
    shelter = get_object_or_404(Shelter.objects.select_related("unit"), pk=pk)
    can = records.can_manage(request.user, shelter.unit, "places")
    return pages.Detail(shelter.name, [
        (_("Managing unit"), shelter.unit.name), (_("Capacity (people)"), shelter.capacity),
        (_("Area (m²)"), shelter.area_m2), (_("Facilities"), shelter.facilities),
        (_("Status"), shelter.get_status_display()), (_("Address"), shelter.address),
        (_("Location"), f"{shelter.lat:.5f}, {shelter.lon:.5f}" if shelter.lat is not None else ""),
        (_("Manager phone"), shelter.manager_phone),
    ], actions=[(_("Edit"), f"/places/shelters/{shelter.pk}/edit/")] if can else []).render(request)


@login_required
def shelter_new(request):
    form = forms.ShelterForm(request.POST or None, user=request.user)
    return pages.form_page(request, form, services.do_create_shelter, _("New shelter"),
                         lambda s: f"/places/shelters/{s.pk}/")


@login_required
def shelter_edit(request, pk):
    shelter = get_object_or_404(Shelter, pk=pk)
    form = forms.ShelterForm(request.POST or None, instance=Shelter.objects.get(pk=pk), user=request.user)
    return pages.form_page(request, form, lambda user, **d: services.do_update_shelter(user, shelter, **d),
                         _("Edit shelter"), lambda s: f"/places/shelters/{s.pk}/")


@login_required
def shelter_import(request):
    """The registry kit's Excel import of shelters (countydesk.registry.sheets), at its old address."""
    return sheet_pages.import_view(request, "shelters")


TARGETS = ListPage(gettext_lazy("Protected targets"), [
    LinkColumn(gettext_lazy("Name"), lambda t: t.name, link=lambda t: f"/places/targets/{t.pk}/edit/"),
    Column(gettext_lazy("Kind"), lambda t: t.get_kind_display()),
    Column(gettext_lazy("Unit"), lambda t: t.unit.name),
    Column(gettext_lazy("Population"), lambda t: t.population),
    Column(gettext_lazy("Address"), lambda t: t.address),
    Column(gettext_lazy("Phone"), lambda t: t.phone),
], "protected-targets")


@login_required
def target_list(request):
    form = FilterForm(request.GET or None, choices=TargetKind.choices, label=_("Kind"), choice_field="kind",
                      text_fields=("name", "address", "unit__name"))
    return TARGETS.respond(request, form.filter(ProtectedTarget.objects.select_related("unit")), form,
                           list_extra(request.user, "places", "/places/targets/new/", "targets"),
                           template="core/record_list.html")


@login_required
def target_new(request):
    form = forms.TargetForm(request.POST or None, user=request.user)
    return pages.form_page(request, form, services.do_create_target, _("New protected target"),
                         lambda t: "/places/targets/")


@login_required
def target_edit(request, pk):
    target = get_object_or_404(ProtectedTarget, pk=pk)
    form = forms.TargetForm(request.POST or None, instance=ProtectedTarget.objects.get(pk=pk), user=request.user)
    return pages.form_page(request, form, lambda user, **d: services.do_update_target(user, target, **d),
                         _("Edit protected target"), lambda t: "/places/targets/")


PLACE_KINDS = [UnitKind.TOWNSHIP, UnitKind.VILLAGE, UnitKind.GOVERNMENT]  # in order of preference


def _place(name: str):
    """The unit whose name contains `name` and has a location: a township before a village before the county."""
    preference = Case(*[When(kind=k, then=Value(i)) for i, k in enumerate(PLACE_KINDS)])
    return (Unit.objects.filter(name__icontains=name, lat__isnull=False, kind__in=PLACE_KINDS)
            .order_by(preference, "name").first())


def _where(form):
    """(lat, lon, label) of what the user gave, or None."""
    data = form.cleaned_data
    if data.get("lat") is not None:
        return data["lat"], data["lon"], _("the given location")
    place = _place(data["q"].strip()) if data.get("q", "").strip() else None
    return (place.lat, place.lon, place.name) if place else None


def nearest_public(request):
    """PUBLIC (no sign-in): the open shelters nearest to a place (就近避难场所查询)."""
    form = forms.WhereForm(request.GET or None)
    context = {"form": form, "title": _("Find the nearest shelter")}
    if form.is_bound and form.is_valid():
        where = _where(form)
        if where is None:
            context["not_found"] = True
        else:
            context["where"] = where[2]
            context["results"] = services.nearest_open_shelters(where[0], where[1], rules.nearest_shelter_count())
    return render(request, "places/nearest.html", context)


MAP_LAYERS = [
    ("teams", gettext_lazy("Rescue teams"), "/api/geo/teams", "#1f6fd1", None),
    ("depots", gettext_lazy("Supply depots"), "/api/geo/depots", "#d18a1f", None),
    ("hazards", gettext_lazy("Hazard sources"), "/api/geo/hazards", "#d12f1f", None),
    ("shelters", gettext_lazy("Shelters"), "/api/geo/shelters", "#1f9d3a", None),
    ("targets", gettext_lazy("Protected targets"), "/api/geo/targets", "#8a3fd1", None),
    ("incidents", gettext_lazy("Open incidents"), "/api/geo/incidents", "#b3001b", "incidents.view"),
]
# The popup shows these properties of a feature, labelled, in this order.
POPUP_FIELDS = [
    ("kind", gettext_lazy("Kind")), ("level_label", pgettext_lazy("map popup", "Level")),
    ("status_label", gettext_lazy("Status")), ("readiness_label", gettext_lazy("Readiness")),
    ("occurred", gettext_lazy("Occurred at")), ("deaths", gettext_lazy("Deaths")),
    ("unit", gettext_lazy("Unit")), ("capacity", gettext_lazy("Capacity (people)")),
    ("population", gettext_lazy("Population")), ("headcount", gettext_lazy("Headcount")),
    ("manager", gettext_lazy("Manager")), ("phone", gettext_lazy("Phone")), ("address", gettext_lazy("Address")),
]


@login_required
def emergency_map(request):
    """The county's township boundaries with teams, depots, hazards, shelters, protected targets and the open
    incidents the reader may see; offline unless MAP_TILE_URL names a tile server (天地图 or an intranet one)."""
    layers = [{"key": k, "label": str(label), "url": url, "color": color}
              for k, label, url, color, perm in MAP_LAYERS if perm is None or has_perm(request.user, perm)]
    context = {
        "title": _("Emergency map"),
        "tiles": settings.MAP_TILE_URL,
        "layers": layers,
        "fields": [[key, str(label)] for key, label in POPUP_FIELDS],
        "strings": {"boundaries": _("Township boundaries"), "zoom_in": _("Zoom in"), "zoom_out": _("Zoom out"),
                    "base": _("Base map"), "open": _("Open the record")},
    }
    return render(request, "places/map.html", context)


LEAFLET_FILES = {"leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png", "images/marker-icon.png",
                 "images/marker-icon-2x.png", "images/marker-shadow.png"}


@cache_control(public=True, max_age=86400)
def leaflet_asset(request, path):
    """Leaflet's own files from the installed django-leaflet package (no CDN, no copy in this repository)."""
    if path not in LEAFLET_FILES:
        raise Http404
    return serve(request, path, document_root=Path(find_spec("leaflet").origin).parent / "static" / "leaflet")
