from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HazardsConfig(AppConfig):
    name = "countydesk.registry.hazards"
    label = "hazards"
    verbose_name = _("Risks and hidden dangers")

    def ready(self):
        from . import sheets  # noqa: F401  (registers its Excel databases)
        from countydesk.accounts.choices import Role
        from countydesk.accounts.scoping import has_perm, register_permissions
        from countydesk.search.services import register_kind
        from countydesk.core.ui.nav import register_nav
        from countydesk.core.ui.cards import register_card, scope_key

        from . import demo  # noqa: F401  (registers the demo builder)
        from .services import reindex_hazards
        from .views import dashboard_card

        register_permissions({
            "hazards.manage": {Role.ADMIN, Role.EMERGENCY_STAFF},
            "hazards.manage_own": {Role.UNIT_LEADER},
        })
        register_nav("emergency", _("Hazard sources"), "hazards:list", order=450)
        register_nav("emergency", _("Hidden dangers"), "hazards:dangers", order=451)
        register_card("hazards/card.html", dashboard_card, lambda u: has_perm(u, "hazards.manage"), order=450,
                      shared=scope_key)
        register_kind("hazard", _("Hazard source"), reindex_hazards)
