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
        # Dispatch orders (调度令) and the command page (指挥调度台).
        from countydesk.accounts.choices import Role
        from countydesk.accounts.scoping import has_perm
        from countydesk.core.events import register_topic
        from countydesk.core.ui.nav import register_nav

        from . import admin_orders
        from .demo import orders as _orders_demo  # noqa: F401 - demo builder
        from .services.orders import TOPIC, sees_all_orders
        from .views import orders_panels  # noqa: F401 - the command page's first panels and map layers

        admin_orders.register()
        register_topic(TOPIC, "command.view", sees_all=sees_all_orders)
        register_nav("emergency", _("Command desk"), "command:incidents", lambda u: has_perm(u, "command.view"), order=15)
        register_nav("emergency", _("My dispatch orders"), "command:my_orders",
                     lambda u: getattr(u, "is_authenticated", False) and u.has_role(Role.TEAM_LEADER), order=16)
