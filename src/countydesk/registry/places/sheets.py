"""The places databases in Excel (导入导出): columns, services and records for the registry sheets kit."""

from django.utils.translation import gettext_lazy as _

from countydesk.registry.sheets.kit import Col, LOCATION, register_database, related, unit, whole

from . import services as places
from .choices import ShelterStatus, TargetKind
from .models import ProtectedTarget, Shelter


register_database(
    "shelters", label=_("Shelters"), list_url="/places/shelters/", create=places.do_create_shelter,
    update=places.do_update_shelter,
    permissions=("places.manage", "places.manage_own"), owner_field="unit",
    columns=[
        Col(_("Name"), "name"), Col(_("Managing unit"), "unit", unit, related("unit")),
        Col(_("Capacity (people)"), "capacity", whole), Col(_("Area (m²)"), "area_m2", whole),
        Col(_("Facilities"), "facilities"), *LOCATION, Col(_("Manager phone"), "manager_phone"),
        Col.of_choice(_("Status"), "status", ShelterStatus, aliases=(_("Status (code)"),)),
    ],
    queryset=lambda: Shelter.objects.select_related("unit").order_by("pk"),
)


register_database(
    "targets", label=_("Protected targets"), list_url="/places/targets/", create=places.do_create_target,
    update=places.do_update_target,
    permissions=("places.manage", "places.manage_own"), owner_field="unit",
    columns=[
        Col(_("Name"), "name"), Col.of_choice(_("Kind"), "kind", TargetKind, aliases=(_("Kind (code)"),)),
        Col(_("Unit"), "unit", unit, related("unit")), Col(_("Population"), "population", whole),
        Col(_("Phone"), "phone"), *LOCATION,
    ],
    queryset=lambda: ProtectedTarget.objects.select_related("unit").order_by("pk"),
)
