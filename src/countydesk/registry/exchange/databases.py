"""The registry databases (五库) Excel knows: their columns, services and records.

`countydesk import|export <name>` and the pages under /registry/<name>/ use these; another app adds
its own with `kit.register_database`.
"""

from django.utils.translation import gettext_lazy as _

from countydesk.accounts.scoping import scope
from countydesk.core.taxonomy import type_code_of
from countydesk.orgs.models import Unit
from countydesk.registry.cases import services as cases
from countydesk.registry.cases.models import Case
from countydesk.registry.hazards import services as hazards
from countydesk.registry.hazards.choices import HazardKind, Level
from countydesk.registry.hazards.models import Hazard
from countydesk.registry.places import services as places
from countydesk.registry.places.choices import ShelterStatus, TargetKind
from countydesk.registry.places.models import ProtectedTarget, Shelter
from countydesk.registry.plans import services as plans
from countydesk.registry.plans.choices import PlanKind, PlanLevel, PlanStatus
from countydesk.registry.plans.models import Plan
from countydesk.registry.supplies import services as supplies
from countydesk.registry.supplies.choices import DepotKind, EntryKind
from countydesk.registry.supplies.models import BatchBalance, Category, Depot, Item
from countydesk.registry.teams import services as teams
from countydesk.registry.teams.choices import Availability, Readiness, TeamKind
from countydesk.registry.teams.models import Expert, Team, Volunteer

from .kit import Col, choice, codes, day, decimal, lookup, number, register_database, related, whole, yes_no

unit = lookup(lambda: Unit.objects.all(), "name", _("Unknown unit %s."))
LOCATION = [Col(_("Address"), "address"), Col(_("Latitude"), "lat", number), Col(_("Longitude"), "lon", number)]


def scoped(unit_field="unit"):
    return lambda user, queryset: scope(user, queryset, unit_field)


register_database(
    "plans", label=_("Emergency plans"), list_url="/plans/", create=plans.do_create_plan, update=plans.do_update_plan,
    permissions=("plans.manage_own",), owner_field="owner",
    columns=[
        Col(_("Title"), "title", required=True), Col(_("Kind (code)"), "kind", choice(PlanKind)),
        Col(_("Level (code)"), "level", choice(PlanLevel)), Col(_("Owner unit"), "owner", unit, related("owner")),
        Col(_("Lead unit"), "lead_unit", unit, related("lead_unit")),
        Col(_("Event types (codes)"), "event_types", codes, lambda p: p.type_codes), Col(_("Summary"), "summary"),
    ],
    extras=[Col(_("Status"), "status", write=lambda p: PlanStatus(p.status).label), Col(_("Version"), "version"),
            Col(_("Issue date"), "issued_on")],
    queryset=lambda: Plan.objects.select_related("owner", "lead_unit").prefetch_related("event_types").order_by("pk"),
    visible=lambda user, queryset: plans.visible_plans(user, queryset),
)

register_database(
    "teams", label=_("Rescue teams"), list_url="/teams/", create=teams.do_create_team, update=teams.do_update_team,
    permissions=("teams.manage", "teams.manage_own"), owner_field="unit",
    columns=[
        Col(_("Team"), "name"), Col(_("Kind code"), "kind", choice(TeamKind)),
        Col(_("Home unit"), "unit", unit, related("unit")), Col(_("Leader"), "leader"), Col(_("Phone"), "phone"),
        Col(_("Headcount"), "headcount", whole), Col(_("Capabilities (event type codes)"), "capabilities", codes),
        Col(_("Address"), "address"), Col(_("Readiness (code)"), "readiness", choice(Readiness)),
        Col(_("Latitude"), "lat", number), Col(_("Longitude"), "lon", number), Col(_("Note"), "note"),
    ],
    queryset=lambda: Team.objects.select_related("unit").order_by("pk"),
)

register_database(
    "volunteers", label=_("Volunteers"), list_url="/teams/volunteers/", create=teams.do_create_volunteer,
    update=teams.do_update_volunteer,
    permissions=("teams.manage", "teams.manage_own"), owner_field="unit",
    columns=[
        Col(_("Name"), "name"), Col(_("Phone"), "phone"), Col(_("Skills"), "skills"),
        Col(_("Township"), "unit", unit, related("unit")),
        Col(_("Availability (code)"), "availability", choice(Availability)),
    ],
    queryset=lambda: Volunteer.objects.select_related("unit").order_by("pk"), visible=scoped(),
)

register_database(
    "experts", label=_("Experts"), list_url="/teams/experts/", create=teams.do_create_expert,
    update=teams.do_update_expert,
    permissions=("teams.manage", "teams.manage_own"), owner_field="unit",
    columns=[
        Col(_("Name"), "name"), Col(_("Professional title"), "title"), Col(_("Unit"), "unit", unit, related("unit")),
        Col(_("Specialties (event type codes)"), "specialties", codes), Col(_("Phone"), "phone"),
        Col(_("Availability (code)"), "availability", choice(Availability)),
    ],
    queryset=lambda: Expert.objects.select_related("unit").order_by("pk"),
)

register_database(
    "depots", label=_("Supplies depots"), list_url="/supplies/", create=supplies.do_create_depot,
    update=supplies.do_update_depot, find=lambda f: Depot.objects.filter(name=f.get("name", "")).first(),
    permissions=("supplies.manage", "supplies.manage_own"), owner_field="unit",
    columns=[
        Col(_("Depot"), "name", required=True), Col(_("Kind (code)"), "kind", choice(DepotKind)),
        Col(_("Owning unit"), "unit", unit, related("unit")), *LOCATION, Col(_("Manager"), "manager"),
        Col(_("Phone"), "phone"), Col(_("Active"), "active", yes_no),
    ],
    queryset=lambda: Depot.objects.select_related("unit").order_by("pk"), visible=scoped(),
)

register_database(
    "supplies", label=_("Supplies catalogue"), list_url="/supplies/catalogue/", create=supplies.do_create_item,
    update=supplies.do_update_item, find=lambda f: Item.objects.filter(code=f.get("code", "")).first(),
    permissions=("supplies.manage",),
    columns=[
        Col(_("Code"), "code", required=True), Col(_("Supply item"), "name"),
        Col(_("Category code"), "category", lookup(lambda: Category.objects.all(), "code", _("Unknown category %s.")),
            related("category", "code")),
        Col(_("Unit of measure"), "unit_of_measure"), Col(_("Shelf life (days)"), "shelf_life_days", whole),
        Col(_("Equipment"), "is_equipment", yes_no), Col(_("Active"), "active", yes_no),
    ],
    queryset=lambda: Item.objects.select_related("category").order_by("code"),
)


def _receive(actor, **fields):
    return supplies.do_record_entry(actor, kind=EntryKind.RECEIPT, **fields)


# Stock is an append-only ledger: its export is the balances (ID: the batch balance). A row with an
# empty ID is a new receipt; a row with an ID is left as it is, and a changed one is refused.
register_database(
    "stock", label=_("Stock receipts"), list_url="/supplies/", create=_receive,
    refuse_changes=_("The stock ledger is append-only: a balance is not edited here. Record a stock-take "
                     "adjustment for this batch on the depot's page, or leave the ID empty to record a new receipt."),
    permissions=("supplies.manage", "supplies.manage_own"), owner_field="depot",
    columns=[
        Col(_("Depot"), "depot", lookup(lambda: Depot.objects.select_related("unit"), "name", _("Unknown depot %s.")),
            related("depot"), required=True),
        Col(_("Item code"), "item", lookup(lambda: Item.objects.all(), "code", _("Unknown item code %s.")),
            related("item", "code"), required=True),
        Col(_("Batch number"), "batch_no", write=lambda b: b.batch.batch_no),
        Col(_("Production date"), "production_date", day, lambda b: b.batch.production_date),
        Col(_("Expiry date"), "expiry_date", day, lambda b: b.batch.expiry_date),
        Col(_("Quantity"), "quantity", decimal, required=True), Col(_("Reference"), "reference", write=lambda b: ""),
    ],
    extras=[Col(_("Supply item"), "item_name", write=lambda b: b.item.name),
            Col(_("Unit of measure"), "unit_of_measure", write=lambda b: b.item.unit_of_measure)],
    queryset=lambda: BatchBalance.objects.filter(quantity__gt=0).select_related("depot", "item", "batch")
    .order_by("depot__name", "item__code", "batch__batch_no"),
    visible=scoped("depot__unit"),
)

register_database(
    "hazards", label=_("Hazard sources"), list_url="/hazards/", create=hazards.do_create_hazard,
    update=hazards.do_update_hazard,
    permissions=("hazards.manage", "hazards.manage_own"), owner_field="unit",
    columns=[
        Col(_("Name"), "name"), Col(_("Kind (code)"), "kind", choice(HazardKind)),
        Col(_("Level (code)"), "level", choice(Level)), Col(_("Responsible unit"), "unit", unit, related("unit")),
        Col(_("Monitoring notes"), "monitoring"), *LOCATION,
    ],
    queryset=lambda: Hazard.objects.select_related("unit").order_by("pk"), visible=scoped(),
)

register_database(
    "shelters", label=_("Shelters"), list_url="/places/shelters/", create=places.do_create_shelter,
    update=places.do_update_shelter,
    permissions=("places.manage", "places.manage_own"), owner_field="unit",
    columns=[
        Col(_("Name"), "name"), Col(_("Managing unit"), "unit", unit, related("unit")),
        Col(_("Capacity (people)"), "capacity", whole), Col(_("Area (m²)"), "area_m2", whole),
        Col(_("Facilities"), "facilities"), *LOCATION, Col(_("Manager phone"), "manager_phone"),
        Col(_("Status (code)"), "status", choice(ShelterStatus)),
    ],
    queryset=lambda: Shelter.objects.select_related("unit").order_by("pk"),
)

register_database(
    "targets", label=_("Protected targets"), list_url="/places/targets/", create=places.do_create_target,
    update=places.do_update_target,
    permissions=("places.manage", "places.manage_own"), owner_field="unit",
    columns=[
        Col(_("Name"), "name"), Col(_("Kind (code)"), "kind", choice(TargetKind)),
        Col(_("Unit"), "unit", unit, related("unit")), Col(_("Population"), "population", whole),
        Col(_("Phone"), "phone"), *LOCATION,
    ],
    queryset=lambda: ProtectedTarget.objects.select_related("unit").order_by("pk"),
)


def _event_type(value) -> str:
    code = type_code_of(str(value))
    if code is None:
        raise ValueError(_("Unknown event type %s.") % str(value).strip())
    return code


def _plans(value) -> list:
    titles = [t.strip() for t in str(value).split("、") if t.strip()]
    # The newest version of each title, preferring one that is no longer a draft.
    candidates = sorted(Plan.objects.filter(title__in=titles), key=lambda p: (p.status != PlanStatus.DRAFT, p.version))
    found = {p.title: p for p in candidates}
    unknown = [t for t in titles if t not in found]
    if unknown:
        raise ValueError(_("No plan titled %s.") % "、".join(unknown))
    return [found[t] for t in titles]


# The case library keeps its established Chinese column titles (cases.services.COLUMNS).
register_database(
    "cases", label=_("Case library"), list_url="/cases/", create=cases.do_create_case, update=cases.do_update_case,
    permissions=("cases.manage",),
    columns=[
        Col("标题", "title", required=True), Col("事件类型", "event_type", _event_type,
                                               lambda c: f"{c.event_type} {c.type_name}", required=True),
        Col("发生日期", "occurred_on", day, required=True), Col("乡镇", "township", unit, related("township")),
        Col("地点", "place"), Col("死亡人数", "deaths", whole), Col("受伤人数", "injuries", whole),
        Col("直接经济损失(万元)", "direct_loss", decimal), Col("概要", "summary", required=True),
        Col("经验教训", "lessons"),
        Col("关联预案", "plans", _plans, lambda c: "、".join(p.title for p in c.plans.all())),
    ],
    queryset=lambda: Case.objects.select_related("township").prefetch_related("plans").order_by("pk"),
)
