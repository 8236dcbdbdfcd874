from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "countydesk.web"
    verbose_name = _("Web interface")

    def ready(self):
        from countydesk.accounts.scoping import has_perm
        from countydesk.core.ui.nav import register_nav

        register_nav("info", _("Information officers"), "staffing", order=900)
        register_nav("emergency", _("Duty phone directory"), "duty_phones", order=900)
        register_nav("directory", _("Units"), "unit_list", order=10)
        register_nav("directory", _("People"), "person_list", order=20)
        register_nav("system", _("Audit trail"), "audit_list", lambda u: has_perm(u, "audit.view"), order=10)
        register_nav("system", _("Administration"), "admin:index", lambda u: u.is_staff, order=20)
