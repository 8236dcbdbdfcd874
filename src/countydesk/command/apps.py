from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommandConfig(AppConfig):
    name = "countydesk.command"
    label = "command"
    verbose_name = _("Command and dispatch")

    def ready(self):
        from countydesk.accounts.scoping import has_perm, register_permissions

        from .access import PERMISSIONS

        register_permissions(PERMISSIONS)
        from countydesk.core.ui.nav import register_nav

        from . import milestones  # noqa: F401  (the incidents chapter's milestones)
        from .evaluation import readers, sections  # noqa: F401  (the evaluation's milestones and sections)

        register_nav("emergency", _("Evaluations"), "command:evaluations",
                     visible=lambda user: has_perm(user, "command.view"), order=250)
        # Dispatch orders (调度令) and the command page (指挥调度台).
        from countydesk.accounts.choices import Role
        from countydesk.core.events import register_topic

        from .demo import orders as _orders_demo  # noqa: F401 - demo builder
        from .services.orders import TOPIC, sees_all_orders
        from .views import orders_panels  # noqa: F401 - the command page's first panels and map layers

        register_topic(TOPIC, "command.view", sees_all=sees_all_orders)
        register_nav("emergency", _("Command desk"), "command:incidents", lambda u: has_perm(u, "command.view"), order=15)
        register_nav("emergency", _("My dispatch orders"), "command:my_orders",
                     lambda u: getattr(u, "is_authenticated", False) and u.has_role(Role.TEAM_LEADER), order=16)
        from .advice import register_busy_teams
        from .models import OPEN_ORDER_STATUSES, DispatchOrder

        register_busy_teams(lambda: DispatchOrder.objects.filter(status__in=OPEN_ORDER_STATUSES).values("team_id"))
