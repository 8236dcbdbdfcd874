from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "countydesk.registry.places"
    label = "places"
    verbose_name = _("Shelters and protected targets")

    def ready(self):
        from . import sheets  # noqa: F401  (registers its Excel databases)
        from countydesk.accounts.choices import Role
        from countydesk.accounts.scoping import register_permissions
        from countydesk.search.services import register_kind
        from countydesk.core.ui.nav import register_nav

        from . import demo  # noqa: F401  (registers the demo builder)
        from .services import reindex_shelters

        register_permissions({
            "places.manage": {Role.ADMIN, Role.EMERGENCY_STAFF},
            "places.manage_own": {Role.UNIT_LEADER},
        })
        pages = [(_("Emergency map"), "places:map"), (_("Shelters"), "places:shelters"),
                 (_("Protected targets"), "places:targets"), (_("Nearest shelter (public)"), "places:nearest")]
        for order, (label, url_name) in enumerate(pages, start=460):
            register_nav("emergency", label, url_name, order=order)
        register_kind("shelter", _("Shelter"), reindex_shelters)
