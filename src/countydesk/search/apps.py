from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "countydesk.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from countydesk.core.ui.nav import register_nav
        from countydesk.orgs.models import Unit

        from . import units
        from .services import index_model

        register_nav("directory", _("Search"), "search", order=1)
        index_model(Unit, "unit", _("Unit"), units.document)
