from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """The case library (案例库): past incidents and their lessons (B5)."""

    name = "countydesk.registry.cases"
    label = "cases"
    verbose_name = _("Case library")

    def ready(self):
        from . import sheets  # noqa: F401  (registers its Excel databases)
        from countydesk.search.services import index_model

        from . import search
        from .models import Case

        index_model(Case, "case", _("Case"), search.document)
        from countydesk.accounts.choices import Role
        from countydesk.accounts.scoping import register_permissions
        from countydesk.core.ui.nav import register_nav

        from . import demo  # noqa: F401  (registers the demo builder)

        register_permissions({"cases.manage": {Role.ADMIN, Role.EMERGENCY_STAFF}})
        register_nav("emergency", _("Case library"), "cases:list", order=260)
