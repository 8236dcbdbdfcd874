from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """The plan database (预案库): plans, filings, linkage and coverage, drills (B2, B5)."""

    name = "countydesk.registry.plans"
    label = "plans"
    verbose_name = _("Emergency plans")

    def ready(self):
        from . import sheets  # noqa: F401  (registers its Excel databases)
        from countydesk.search.services import index_model

        from . import search
        from .models import Plan

        index_model(Plan, "plan", _("Emergency plan"), search.document)
        from countydesk.accounts.choices import Role
        from countydesk.accounts.scoping import has_perm, register_permissions
        from countydesk.core.ui.nav import register_nav
        from countydesk.core.ui.cards import register_card

        from . import demo  # noqa: F401  (registers the demo builder)
        from .views import dashboard_card

        register_permissions({
            "plans.manage": {Role.ADMIN, Role.EMERGENCY_STAFF},
            "plans.manage_own": {Role.ADMIN, Role.EMERGENCY_STAFF, Role.UNIT_LEADER},
        })
        pages = [(_("Emergency plans"), "plans:list"), (_("Plan coverage"), "plans:coverage"),
                 (_("Plan linkage"), "plans:linkage"), (_("Plan due dates"), "plans:due"),
                 (_("Drills"), "plans:drills"), (_("Drill improvements"), "plans:actions")]
        for order, (label, url_name) in enumerate(pages, start=200):
            register_nav("emergency", label, url_name, order=order)
        register_card("plans/card.html", dashboard_card, lambda u: has_perm(u, "plans.manage"), order=200,
                      shared=lambda u: "all")
