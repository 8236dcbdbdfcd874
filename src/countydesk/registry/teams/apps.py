from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "countydesk.registry.teams"
    label = "teams"
    verbose_name = _("Teams, volunteers and experts")

    def ready(self):
        from . import sheets  # noqa: F401  (registers its Excel databases)
        from countydesk.accounts.choices import Role
        from countydesk.accounts.scoping import has_perm, register_permissions
        from countydesk.search.services import register_kind
        from countydesk.core.ui.nav import register_nav
        from countydesk.core.ui.cards import register_card

        from . import demo  # noqa: F401  (registers the demo builder)
        from .services import reindex_experts, reindex_teams
        from .views import dashboard_card

        register_permissions({
            "teams.manage": {Role.ADMIN, Role.EMERGENCY_STAFF},
            "teams.manage_own": {Role.UNIT_LEADER, Role.TEAM_LEADER},
        })
        pages = [(_("Rescue teams"), "teams:list"), (_("Volunteers"), "teams:volunteers"),
                 (_("Experts"), "teams:experts"), (_("Expiring certificates"), "teams:certificates")]
        for order, (label, url_name) in enumerate(pages, start=400):
            register_nav("emergency", label, url_name, order=order)
        register_card("teams/card.html", dashboard_card, lambda u: has_perm(u, "teams.manage"), order=400,
                      shared=lambda u: "all")
        register_kind("team", _("Rescue team"), reindex_teams)
        register_kind("expert", _("Expert"), reindex_experts)
