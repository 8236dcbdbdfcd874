"""The hazards databases in Excel (导入导出): columns, services and records for the registry sheets kit."""

from django.utils.translation import gettext_lazy as _

from countydesk.registry.sheets.kit import Col, LOCATION, register_database, related, scoped, unit

from . import services as hazards
from .choices import HazardKind, Level
from .models import Hazard


register_database(
    "hazards", label=_("Hazard sources"), list_url="/hazards/", create=hazards.do_create_hazard,
    update=hazards.do_update_hazard,
    permissions=("hazards.manage", "hazards.manage_own"), owner_field="unit",
    columns=[
        Col(_("Name"), "name"), Col.of_choice(_("Kind"), "kind", HazardKind, aliases=(_("Kind (code)"),)),
        Col.of_choice(_("Level"), "level", Level, aliases=(_("Level (code)"),)), Col(_("Responsible unit"), "unit", unit, related("unit")),
        Col(_("Monitoring notes"), "monitoring"), *LOCATION,
    ],
    queryset=lambda: Hazard.objects.select_related("unit").order_by("pk"), visible=scoped(),
)
