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
        from countydesk.accounts.scoping import has_perm
        from countydesk.core.ui.cards import register_card
        from countydesk.core.ui.nav import register_nav

        from .demo import stock as stock_demo  # noqa: F401  (registers the demo builder)
        from .views.stock import paperwork_card

        register_nav("emergency", _("Allocations to scenes"), "command:allocations",
                     visible=lambda u: has_perm(u, "command.view"), order=250)
        register_nav("emergency", _("Requisitions"), "command:requisitions",
                     visible=lambda u: has_perm(u, "command.view"), order=251)
        register_card("command/requisition_card.html", paperwork_card,
                      lambda u: has_perm(u, "command.view"), order=150)
