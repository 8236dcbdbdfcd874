"""The plans databases in Excel (导入导出): columns, services and records for the registry sheets kit."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from countydesk.registry.sheets.kit import Col, codes, register_database, related, text, unit

from . import requirements
from . import services as plans
from .choices import PlanKind, PlanLevel, PlanStatus
from .models import Plan, ResourceRequirement


register_database(
    "plans", label=_("Emergency plans"), list_url="/plans/", create=plans.do_create_plan, update=plans.do_update_plan,
    permissions=("plans.manage_own",), owner_field="owner",
    columns=[
        Col(_("Title"), "title", required=True), Col.of_choice(_("Kind"), "kind", PlanKind, aliases=(_("Kind (code)"),)),
        Col.of_choice(_("Level"), "level", PlanLevel, aliases=(_("Level (code)"),)), Col(_("Owner unit"), "owner", unit, related("owner")),
        Col(_("Lead unit"), "lead_unit", unit, related("lead_unit")),
        Col(_("Event types (codes)"), "event_types", codes, lambda p: p.type_codes), Col(_("Summary"), "summary"),
        Col(_("Required resources"), "resources", lambda v: requirements.parse_lines(text(v)), lambda p: requirements.lines_of(p.resources.all())),
    ],
    extras=[Col(_("Status"), "status", write=lambda p: PlanStatus(p.status).label), Col(_("Version"), "version"),
            Col(_("Issue date"), "issued_on")],
    queryset=lambda: Plan.objects.select_related("owner", "lead_unit").prefetch_related(
        "event_types", Prefetch("resources", ResourceRequirement.objects.select_related("item"))).order_by("pk"),
    visible=lambda user, queryset: plans.visible_plans(user, queryset),
)
