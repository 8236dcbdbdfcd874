"""Pages of the web interface: thin, reading through scoping and writing through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count, Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from countydesk.accounts.choices import Role
from countydesk.accounts.scoping import can_reach_unit, has_perm, is_county_wide, require, scope
from countydesk.audit import display as audit_display
from countydesk.audit.actions import action_label
from countydesk.audit.models import AuditEvent
from countydesk.audit.queries import AuditQuery, for_page
from countydesk.base.errors import ServiceError
from countydesk.core.ui.cards import cached_figure, render_cards
from countydesk.core.ui.errors import forbidden
from countydesk.core.ui.lists import LinkColumn, ListPage
from countydesk.core.ui.tables import Column
from countydesk.orgs import services as org_services
from countydesk.orgs.choices import UnitKind
from countydesk.orgs.models import Person, Post, Unit
from countydesk.orgs.rules import staffing

from .forms import AuditFilterForm, PersonFilterForm, StaffingFilterForm, UnitContactForm, UnitFilterForm


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _county_figures() -> dict:
    """Every township's and department's staffing and duty phone, and the units per kind: the same for every
    county-wide role, from one reading of the units, posts and rules."""
    units = list(Unit.objects.filter(kind__in=[UnitKind.TOWNSHIP, UnitKind.DEPARTMENT], active=True)
                 .only("name", "kind", "duty_phone"))
    gaps = [r for r in staffing(units) if not r.compliant]
    return {"staffing_gaps": gaps[:5], "staffing_gap_count": len(gaps), "staffing_total": len(units),
            "missing_duty_phones": sum(1 for u in units if not u.duty_phone),
            "units_by_kind": list(Unit.objects.values("kind").annotate(n=Count("id")).order_by("kind"))}


def _drawn(request, name: str, template: str, context) -> str:
    """A dashboard section's HTML, drawn once for everyone `name` covers and kept until the data changes."""
    return mark_safe(cached_figure(request, name, lambda: render_to_string(template, context())))


def _unit_html(request) -> str:
    """The user's own unit, its duty phone and its staffing (the same for everyone in the unit)."""
    unit = request.user.unit
    if unit is None:
        return ""
    return _drawn(request, f"unit_card:{unit.pk}", "web/dashboard_unit.html",
                  lambda: {"my_unit": unit, "my_staffing": staffing([unit])[0]})


def _county_html(request) -> str:
    """For county-wide roles, the county's staffing, duty phones and units (the same for all of them)."""
    if not is_county_wide(request.user):
        return ""
    return _drawn(request, "county", "web/dashboard_county.html",
                  lambda: _county_figures() | {"kind_labels": dict(UnitKind.choices)})


def _recent_html(request) -> str:
    """The newest audit rows the user may see: who, what, which object (their before/after snapshots are not read).
    A new row is a new data version, so the drawn list is never behind."""
    user = request.user
    if has_perm(user, "audit.view"):
        name, events = "recent_audit", AuditEvent.objects.all()
    else:
        name, events = f"recent_audit:{user.pk}", AuditEvent.objects.filter(actor=user)
    return _drawn(request, name, "web/dashboard_recent.html", lambda: {"recent_audit": _newest(events)})


def _newest(events) -> list:
    return list(events.select_related("actor").defer("before", "after")[:8])


@login_required
def dashboard(request):
    """What matters to the signed-in role, on one page (工作台): the sections and cards that are the same for many
    viewers are drawn once for them (core.ui.cards.cached_figure), so a visit costs little more than the layout."""
    user = request.user
    context = {"role_labels": [label for value, label in Role.choices if value in user.roles],
               "unit_html": _unit_html(request), "county_html": _county_html(request),
               "recent_html": _recent_html(request), "cards": render_cards(request)}
    return render(request, "web/dashboard.html", context)


UNIT_LIST = ListPage(
    gettext_lazy("Units"),
    [
        LinkColumn(gettext_lazy("Unit name"), lambda u: u.name, link=lambda u: f"/units/{u.pk}/"),
        Column(gettext_lazy("Kind"), lambda u: u.get_kind_display()),
        Column(gettext_lazy("Code"), lambda u: u.code),
        Column(gettext_lazy("Parent unit"), lambda u: u.parent.name if u.parent_id else ""),
        Column(gettext_lazy("Duty phone"), lambda u: u.duty_phone),
        Column(gettext_lazy("Key liaison unit"), lambda u: u.key_liaison),
    ],
    "units",
)


@login_required
def unit_list(request):
    form = UnitFilterForm(request.GET or None)
    units = form.filter(Unit.objects.select_related("parent"))
    return UNIT_LIST.respond(request, units, form)


@login_required
def unit_detail(request, pk):
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=pk)
    can_edit = org_services.has_unit_authority(request.user, unit, "orgs.edit_own_unit_contacts")
    form = UnitContactForm(instance=unit)
    if request.method == "POST":
        if not can_edit:
            return forbidden(request)
        form = UnitContactForm(request.POST, instance=Unit.objects.get(pk=unit.pk))
        if form.is_valid():
            try:
                org_services.do_update_unit(request.user, unit, **{f: form.cleaned_data[f] for f in form.fields})
            except ServiceError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("unit_detail", pk=unit.pk)
    people_visible = can_reach_unit(request.user, unit)
    posts = Post.objects.current().filter(unit=unit).select_related("person") if people_visible else []
    context = {
        "unit": unit,
        "ancestors": Unit.objects.filter(pk__in=unit.ancestor_ids[:-1]).order_by("depth"),
        "children": unit.children.all(),
        "posts": posts,
        "staffing": staffing([unit])[0],
        "people_visible": people_visible,
        "can_edit": can_edit,
        "form": form,
    }
    return render(request, "web/unit_detail.html", context)


def _current_posts(person):
    return "、".join(p.get_kind_display() for p in person.current_posts)


PERSON_LIST = ListPage(
    gettext_lazy("People"),
    [
        Column(gettext_lazy("Name"), lambda p: p.name),
        LinkColumn(gettext_lazy("Unit"), lambda p: p.unit.name, link=lambda p: f"/units/{p.unit_id}/"),
        Column(gettext_lazy("Position"), lambda p: p.position),
        Column(gettext_lazy("Posts"), _current_posts),
        Column(gettext_lazy("Mobile phone"), lambda p: p.phone),
    ],
    "people",
)


@login_required
def person_list(request):
    visible_units = scope(request.user, Unit.objects.all(), "self")
    form = PersonFilterForm(request.GET or None, units=visible_units)
    people = form.filter(scope(request.user, Person.objects.select_related("unit"))).prefetch_related(
        Prefetch("posts", queryset=Post.objects.current(), to_attr="current_posts")
    )
    return PERSON_LIST.respond(request, people, form)


STAFFING_LIST = ListPage(
    gettext_lazy("Information officers"),
    [
        LinkColumn(gettext_lazy("Unit"), lambda s: s.unit.name, link=lambda s: f"/units/{s.unit.pk}/"),
        Column(gettext_lazy("Kind"), lambda s: s.unit.get_kind_display()),
        Column(gettext_lazy("Full-time"), lambda s: s.full),
        Column(gettext_lazy("Part-time"), lambda s: s.part),
        Column(gettext_lazy("Not compliant because"), lambda s: "；".join(s.shortfalls)),
    ],
    "information-officers",
    per_page=100,
)


@login_required
def staffing_view(request):
    """Information officers per unit against the staffing rules (信息员配备情况, A12)."""
    form = StaffingFilterForm(request.GET or None)
    kinds = [UnitKind.TOWNSHIP, UnitKind.DEPARTMENT]
    gaps_only = False
    if form.is_valid():
        kinds = [form.cleaned_data["kind"]] if form.cleaned_data["kind"] else kinds
        gaps_only = form.cleaned_data["gaps_only"]
    units = scope(request.user, Unit.objects.filter(kind__in=kinds, active=True), "self")
    rows = [r for r in staffing(units) if not gaps_only or not r.compliant]
    return STAFFING_LIST.respond(request, rows, form)


DUTY_PHONE_LIST = ListPage(
    gettext_lazy("Duty phone directory"),
    [
        LinkColumn(gettext_lazy("Unit"), lambda u: u.name, link=lambda u: f"/units/{u.pk}/"),
        Column(gettext_lazy("Kind"), lambda u: u.get_kind_display()),
        Column(gettext_lazy("Duty phone"), lambda u: u.duty_phone or _("missing")),
        Column(gettext_lazy("Address"), lambda u: u.address),
    ],
    "duty-phones",
    per_page=100,
)


@login_required
def duty_phones(request):
    """Every unit's duty telephone (值班电话), the missing ones marked."""
    form = UnitFilterForm(request.GET or None)
    units = form.filter(Unit.objects.exclude(kind__in=[UnitKind.VILLAGE, UnitKind.ENTERPRISE]).filter(active=True))
    return DUTY_PHONE_LIST.respond(request, units, form)


AUDIT_LIST = ListPage(
    gettext_lazy("Audit trail"),
    [
        Column("#", lambda e: e.seq),
        Column(gettext_lazy("Time"), lambda e: e.at),
        Column(gettext_lazy("Actor"), audit_display.actor_text),
        Column(gettext_lazy("Unit"), lambda e: e.unit.name if e.unit_id else ""),
        Column(gettext_lazy("Action"), lambda e: action_label(e.action)),
        Column(gettext_lazy("Object"), audit_display.object_text),
        Column(gettext_lazy("Changes"), audit_display.changes_text),
        Column(gettext_lazy("Client IP"), lambda e: e.ip or ""),
    ],
    "audit-trail",
)


SIGN_INS = ListPage(gettext_lazy("Failed sign-ins"), [
    Column(gettext_lazy("Time"), lambda f: f.attempt_time),
    Column(gettext_lazy("User name"), lambda f: f.username),
    Column(gettext_lazy("Client IP"), lambda f: f.ip_address),
    Column(gettext_lazy("Browser"), lambda f: f.user_agent),
    Column(gettext_lazy("Locked out"), lambda f: f.locked_out),
], "failed-sign-ins", per_page=100)


@login_required
def sign_in_failures(request):
    """Every failed sign-in (登录失败记录) kept by the lockout, for administrators and auditors; nobody deletes them."""
    from axes.models import AccessFailureLog

    try:
        require(request.user, "audit.view")
    except ServiceError:
        return forbidden(request)
    return SIGN_INS.respond(request, AccessFailureLog.objects.order_by("-attempt_time"))


@login_required
def audit_list(request):
    """The audit trail (审计日志) for administrators and auditors: filtered, exported, printed."""
    try:
        require(request.user, "audit.view")
    except ServiceError:
        return forbidden(request)
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        response = AUDIT_LIST.respond(request, AuditEvent.objects.none(), form, template="web/audit_list.html")
        response.status_code = 400
        return response
    query = form.query() if form.is_bound else AuditQuery()
    return AUDIT_LIST.respond(request, for_page(query.apply()), form, template="web/audit_list.html")
