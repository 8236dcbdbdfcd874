from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuppliesConfig(AppConfig):
    name = "countydesk.registry.supplies"
    label = "supplies"
    verbose_name = _("Supplies and equipment")

    def ready(self):
        from . import sheets  # noqa: F401  (registers its Excel databases)
        from countydesk.accounts.choices import Role
        from countydesk.accounts.scoping import has_perm, register_permissions
        from countydesk.core.ui.nav import register_nav
        from countydesk.core.ui.cards import register_card, scope_key

        from . import demo  # noqa: F401  (registers the demo builder)
        from .views import dashboard_card

        register_permissions({
            "supplies.manage": {Role.ADMIN, Role.EMERGENCY_STAFF},
            "supplies.manage_own": {Role.ADMIN, Role.EMERGENCY_STAFF, Role.UNIT_LEADER},
            "supplies.approve_transfer": {Role.ADMIN, Role.EMERGENCY_STAFF},
        })
        pages = [(_("Supplies depots"), "supplies:depots"), (_("Supplies catalogue"), "supplies:catalogue"),
                 (_("Supplies census"), "supplies:census"), (_("Reserve shortfalls"), "supplies:shortfalls"),
                 (_("Supply transfers"), "supplies:transfers"), (_("Expiring supplies"), "supplies:expiry")]
        for order, (label, url_name) in enumerate(pages, start=300):
            register_nav("emergency", label, url_name, order=order)
        register_card("supplies/card.html", dashboard_card, lambda u: has_perm(u, "supplies.manage_own"),
                      order=300, shared=scope_key)
