from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "countydesk.orgs"
    verbose_name = _("Units and people")

    def ready(self):
        from countydesk.search.services import register_kind

        from .services import reindex_units

        register_kind("unit", _("Unit"), reindex_units)
