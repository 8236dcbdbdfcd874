from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "countydesk.core"
    verbose_name = "CountyDesk core"

    def ready(self):
        from countydesk.accounts.choices import Role
        from countydesk.accounts.scoping import has_perm, register_permissions
        from countydesk.audit.labels import register_action_labels

        from .ui.nav import register_nav

        office = {Role.ADMIN, Role.INFO_EDITOR, Role.EMERGENCY_STAFF, Role.DUTY_OFFICER}
        register_permissions({"outbox.view": office | {Role.AUDITOR}, "outbox.retry": office})
        register_nav("system", _("Outbox"), "core:outbox", lambda u: has_perm(u, "outbox.view"), order=80)
        register_action_labels({
            "outbox.delivered": _("delivered a message"), "outbox.attempt_failed": _("failed to deliver a message"),
            "outbox.dead": _("gave up delivering a message"), "outbox.unconfigured": _("kept a message: no mail server"),
            "outbox.retry": _("retried a message"), "outbox.recorded": _("recorded a delivery made by hand"),
        })
