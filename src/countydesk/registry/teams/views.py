"""Team, volunteer and expert pages (队伍库、志愿者、专家库): thin, writing through services."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countydesk.accounts.scoping import has_perm, scope
from countydesk.registry.sheets import views as sheet_pages
from countydesk.core.taxonomy import EVENT_TYPES
from countydesk.core.ui.lists import LinkColumn, ListPage
from countydesk.core import records
from countydesk.core.ui import pages
from countydesk.core.ui.tables import Column, ContactColumn
from countydesk.orgs.privacy import phone_for

from . import forms, services
from .choices import Availability, Readiness, TeamKind
from .models import Certificate, Expert, Team, Volunteer


def type_names(codes) -> str:
    return "、".join(EVENT_TYPES[c].name for c in codes if c in EVENT_TYPES)


def list_extra(user, app: str, new_url: str, database: str | None = None) -> dict:
    """The list's "new" button for users who may file records in `app`, and the Excel import and export
    of its registry `database`."""
    extra = sheet_pages.links(user, database) if database else {}
    if not (has_perm(user, f"{app}.manage") or has_perm(user, f"{app}.manage_own")):
        return extra
    return extra | {"new_url": new_url}


TEAMS = ListPage(gettext_lazy("Rescue teams"), [
    LinkColumn(gettext_lazy("Team"), lambda t: t.name, link=lambda t: f"/teams/{t.pk}/"),
    Column(gettext_lazy("Kind"), lambda t: t.get_kind_display()),
    Column(gettext_lazy("Home unit"), lambda t: t.unit.name),
    Column(gettext_lazy("Headcount"), lambda t: t.headcount),
    Column(gettext_lazy("Readiness"), lambda t: t.get_readiness_display()),
    Column(gettext_lazy("Capabilities"), lambda t: type_names(t.capabilities)),
    Column(gettext_lazy("Leader"), lambda t: t.leader),
    ContactColumn(gettext_lazy("Phone"), lambda t: t.phone),
], "teams")


@login_required
def team_list(request):
    form = forms.FilterForm(request.GET or None, choices=TeamKind.choices, label=_("Kind"), choice_field="kind",
                            text_fields=("name", "leader", "unit__name"))
    teams = form.filter(Team.objects.select_related("unit"))
    if request.GET.get("readiness") in Readiness.values:
        teams = teams.filter(readiness=request.GET["readiness"])
    return TEAMS.respond(request, teams, form, list_extra(request.user, "teams", "/teams/new/", "teams"),
                         template="core/record_list.html")


def _team(pk):
    return get_object_or_404(Team.objects.select_related("unit"), pk=pk)


@login_required
def team_detail(request, pk):
    team = _team(pk)
    members = team.members.prefetch_related("certificates")
    can = records.can_manage(request.user, team.unit, "teams")
    add = (lambda what: f"/teams/{team.pk}/add/{what}/") if can else (lambda what: None)
    phone = lambda number: phone_for(request.user, team.unit_id, number)  # noqa: E731
    detail = pages.Detail(team.name, [
        (_("Kind"), team.get_kind_display()), (_("Home unit"), team.unit.name), (_("Leader"), team.leader),
        (_("Phone"), phone(team.phone)), (_("Headcount"), team.headcount), (_("Readiness"), team.get_readiness_display()),
        (_("Capabilities"), type_names(team.capabilities)), (_("Address"), team.address),
        (_("Location"), f"{team.lat:.5f}, {team.lon:.5f}" if team.lat is not None else ""), (_("Note"), team.note),
    ], [
        pages.Table(_("Members"), [_("Name"), _("Position"), _("Skills"), _("Phone"), _("Certificates")],
                  [[m.name, m.position, m.skills, phone(m.phone),
                    "；".join(f"{c.name}（{c.expires}）" for c in m.certificates.all())] for m in members],
                  add("member")),
        pages.Table(_("Certificates"), [_("Member"), _("Certificate"), _("Number"), _("Expires on")],
                  [[c.member.name, c.name, c.number, c.expires]
                   for c in Certificate.objects.filter(member__team=team).select_related("member")],
                  add("certificate")),
        pages.Table(_("Equipment"), [_("Equipment"), _("Quantity")],
                  [[e.name, e.quantity] for e in team.equipment.all()], add("equipment")),
        pages.Table(_("Trainings and drills"), [_("Date"), _("Kind"), _("Subject"), _("Participants"), _("Hours")],
                  [[t.date, t.get_kind_display(), t.subject, t.participants, t.hours] for t in team.trainings.all()],
                  add("training")),
    ], [(_("Edit"), f"/teams/{team.pk}/edit/")] if can else [])
    return detail.render(request)


@login_required
def team_new(request):
    form = forms.TeamForm(request.POST or None, user=request.user)
    return pages.form_page(request, form, services.do_create_team, _("New rescue team"), lambda t: f"/teams/{t.pk}/")


@login_required
def team_edit(request, pk):
    team = _team(pk)
    records.require_manage(request.user, team.unit, "teams")  # the form shows the contacts
    form = forms.TeamForm(request.POST or None, instance=Team.objects.get(pk=pk), user=request.user)
    return pages.form_page(request, form, lambda user, **d: services.do_update_team(user, team, **d),
                         _("Edit rescue team"), lambda t: f"/teams/{t.pk}/")


CHILDREN = {
    "member": (forms.MemberForm, services.do_add_member, gettext_lazy("Add member")),
    "certificate": (forms.CertificateForm, services.do_add_certificate, gettext_lazy("Add certificate")),
    "equipment": (forms.EquipmentForm, services.do_add_equipment, gettext_lazy("Add equipment")),
    "training": (forms.TrainingForm, services.do_record_training, gettext_lazy("Record training or drill")),
}


@login_required
def team_add(request, pk, what):
    """Add a member, certificate, equipment line or training record to a team."""
    if what not in CHILDREN:
        raise Http404
    team = _team(pk)
    form_class, service, title = CHILDREN[what]
    # A certificate names its member (one of the team's); the others belong to the team itself.
    form = form_class(request.POST or None, **({"team": team} if what == "certificate" else {}))
    owner = {} if what == "certificate" else {"team": team}
    save = lambda user, **d: service(user, **owner, **d)  # noqa: E731
    return pages.form_page(request, form, save, f"{team.name} · {title}", lambda obj: f"/teams/{team.pk}/")


CERTIFICATES = ListPage(gettext_lazy("Expiring certificates"), [
    Column(gettext_lazy("Member"), lambda c: c.member.name),
    LinkColumn(gettext_lazy("Team"), lambda c: c.member.team.name, link=lambda c: f"/teams/{c.member.team_id}/"),
    Column(gettext_lazy("Certificate"), lambda c: c.name),
    Column(gettext_lazy("Number"), lambda c: c.number),
    Column(gettext_lazy("Expires on"), lambda c: c.expires),
    Column(gettext_lazy("Expired"), lambda c: c.expires < timezone.localdate()),
], "expiring-certificates", per_page=100)


@login_required
def certificates_expiring(request):
    return CERTIFICATES.respond(request, scope(request.user, services.expiring_certificates(), "member__team__unit"))


VOLUNTEERS = ListPage(gettext_lazy("Volunteers"), [
    LinkColumn(gettext_lazy("Name"), lambda v: v.name, link=lambda v: f"/teams/volunteers/{v.pk}/edit/"),
    ContactColumn(gettext_lazy("Phone"), lambda v: v.phone),
    Column(gettext_lazy("Skills"), lambda v: v.skills),
    Column(gettext_lazy("Township"), lambda v: v.unit.name),
    Column(gettext_lazy("Availability"), lambda v: v.get_availability_display()),
], "volunteers")


@login_required
def volunteer_list(request):
    form = forms.FilterForm(request.GET or None, choices=Availability.choices, label=_("Availability"),
                            choice_field="availability", text_fields=("name", "skills", "unit__name"))
    volunteers = form.filter(scope(request.user, Volunteer.objects.select_related("unit")))
    return VOLUNTEERS.respond(request, volunteers, form,
                              list_extra(request.user, "teams", "/teams/volunteers/new/", "volunteers"),
                              template="core/record_list.html")


@login_required
def volunteer_new(request):
    form = forms.VolunteerForm(request.POST or None, user=request.user)
    return pages.form_page(request, form, services.do_create_volunteer, _("New volunteer"),
                         lambda v: "/teams/volunteers/")


@login_required
def volunteer_edit(request, pk):
    volunteer = get_object_or_404(scope(request.user, Volunteer.objects.all()), pk=pk)
    records.require_manage(request.user, volunteer.unit, "teams")
    form = forms.VolunteerForm(request.POST or None, instance=Volunteer.objects.get(pk=pk), user=request.user)
    return pages.form_page(request, form, lambda user, **d: services.do_update_volunteer(user, volunteer, **d),
                         _("Edit volunteer"), lambda v: "/teams/volunteers/")


EXPERTS = ListPage(gettext_lazy("Experts"), [
    LinkColumn(gettext_lazy("Name"), lambda e: e.name, link=lambda e: f"/teams/experts/{e.pk}/"),
    Column(gettext_lazy("Professional title"), lambda e: e.title),
    Column(gettext_lazy("Unit"), lambda e: e.unit.name),
    Column(gettext_lazy("Specialties"), lambda e: type_names(e.specialties)),
    ContactColumn(gettext_lazy("Phone"), lambda e: e.phone),
    Column(gettext_lazy("Availability"), lambda e: e.get_availability_display()),
], "experts")


@login_required
def expert_list(request):
    form = forms.FilterForm(request.GET or None, choices=Availability.choices, label=_("Availability"),
                            choice_field="availability", text_fields=("name", "title", "unit__name"))
    return EXPERTS.respond(request, form.filter(Expert.objects.select_related("unit")), form,
                           list_extra(request.user, "teams", "/teams/experts/new/", "experts"),
                           template="core/record_list.html")


@login_required
def expert_detail(request, pk):
    expert = get_object_or_404(Expert.objects.select_related("unit"), pk=pk)
    can = records.can_manage(request.user, expert.unit, "teams")
    return pages.Detail(expert.name, [
        (_("Professional title"), expert.title), (_("Unit"), expert.unit.name),
        (_("Specialties"), type_names(expert.specialties)),
        (_("Phone"), phone_for(request.user, expert.unit_id, expert.phone)),
        (_("Availability"), expert.get_availability_display()),
    ], actions=[(_("Edit"), f"/teams/experts/{expert.pk}/edit/")] if can else []).render(request)


@login_required
def expert_new(request):
    form = forms.ExpertForm(request.POST or None, user=request.user)
    return pages.form_page(request, form, services.do_create_expert, _("New expert"),
                         lambda e: f"/teams/experts/{e.pk}/")


@login_required
def expert_edit(request, pk):
    expert = get_object_or_404(Expert.objects.select_related("unit"), pk=pk)
    records.require_manage(request.user, expert.unit, "teams")
    form = forms.ExpertForm(request.POST or None, instance=Expert.objects.get(pk=pk), user=request.user)
    return pages.form_page(request, form, lambda user, **d: services.do_update_expert(user, expert, **d),
                         _("Edit expert"), lambda e: f"/teams/experts/{e.pk}/")


def dashboard_card(request):
    return {"not_ready": Team.objects.filter(readiness=Readiness.NOT_READY).count(),
            "expiring": services.expiring_certificates().count()}


# The Excel import of teams and experts is the registry kit's (countydesk.registry.sheets); these
# addresses stay for bookmarks and links.

@login_required
def team_import(request):
    return sheet_pages.import_view(request, "teams")


@login_required
def expert_import(request):
    return sheet_pages.import_view(request, "experts")
