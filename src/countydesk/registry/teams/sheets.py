"""The teams databases in Excel (导入导出): columns, services and records for the registry sheets kit."""

from django.utils.translation import gettext_lazy as _

from countydesk.registry.sheets.kit import Col, codes, number, register_database, related, scoped, unit, whole

from . import services as teams
from .choices import Availability, Readiness, TeamKind
from .models import Expert, Team, Volunteer


register_database(
    "teams", label=_("Rescue teams"), list_url="/teams/", create=teams.do_create_team, update=teams.do_update_team,
    permissions=("teams.manage", "teams.manage_own"), owner_field="unit",
    columns=[
        Col(_("Team"), "name"), Col.of_choice(_("Kind"), "kind", TeamKind, aliases=(_("Kind code"),)),
        Col(_("Home unit"), "unit", unit, related("unit")), Col(_("Leader"), "leader"), Col(_("Phone"), "phone", contact=True),
        Col(_("Headcount"), "headcount", whole), Col(_("Capabilities (event type codes)"), "capabilities", codes),
        Col(_("Address"), "address"), Col.of_choice(_("Readiness"), "readiness", Readiness, aliases=(_("Readiness (code)"),)),
        Col(_("Latitude"), "lat", number), Col(_("Longitude"), "lon", number), Col(_("Note"), "note"),
    ],
    queryset=lambda: Team.objects.select_related("unit").order_by("pk"),
)


register_database(
    "volunteers", label=_("Volunteers"), list_url="/teams/volunteers/", create=teams.do_create_volunteer,
    update=teams.do_update_volunteer,
    permissions=("teams.manage", "teams.manage_own"), owner_field="unit",
    columns=[
        Col(_("Name"), "name"), Col(_("Phone"), "phone", contact=True), Col(_("Skills"), "skills"),
        Col(_("Township"), "unit", unit, related("unit")),
        Col.of_choice(_("Availability"), "availability", Availability, aliases=(_("Availability (code)"),)),
    ],
    queryset=lambda: Volunteer.objects.select_related("unit").order_by("pk"), visible=scoped(),
)


register_database(
    "experts", label=_("Experts"), list_url="/teams/experts/", create=teams.do_create_expert,
    update=teams.do_update_expert,
    permissions=("teams.manage", "teams.manage_own"), owner_field="unit",
    columns=[
        Col(_("Name"), "name"), Col(_("Professional title"), "title"), Col(_("Unit"), "unit", unit, related("unit")),
        Col(_("Specialties (event type codes)"), "specialties", codes), Col(_("Phone"), "phone", contact=True),
        Col.of_choice(_("Availability"), "availability", Availability, aliases=(_("Availability (code)"),)),
    ],
    queryset=lambda: Expert.objects.select_related("unit").order_by("pk"),
)
