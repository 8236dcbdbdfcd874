from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommandConfig(AppConfig):
    name = "countydesk.command"
    label = "command"
    verbose_name = _("Command and dispatch")

    def ready(self):
        from countydesk.accounts.scoping import register_permissions

        from .access import PERMISSIONS

        register_permissions(PERMISSIONS)
        from countydesk.core.events import register_topic

        register_topic("command.stock", "command.view")  # allocations and requisitions (物资调配、征用)
