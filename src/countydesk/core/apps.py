from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "countydesk.core"
    verbose_name = _("Platform core")

    def ready(self):
        from countydesk.accounts.choices import Role
        from countydesk.accounts.scoping import has_perm, register_permissions

        from .ui.nav import register_nav

        office = {Role.ADMIN, Role.INFO_EDITOR, Role.EMERGENCY_STAFF, Role.DUTY_OFFICER}
        register_permissions({"outbox.view": office | {Role.AUDITOR}, "outbox.retry": office})
        register_nav("system", _("Outbox"), "core:outbox", lambda u: has_perm(u, "outbox.view"), order=80)
