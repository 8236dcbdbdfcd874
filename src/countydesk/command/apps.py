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
        self._register_pages()
        self._register_live_topics()
        self._register_plugins()
        from .demo import orders, responses, stock  # noqa: F401  (demo builders)

    def _register_pages(self):
        from countydesk.accounts.scoping import has_perm
        from countydesk.core.ui.actions import register_record_action
        from countydesk.core.ui.cards import register_card
        from countydesk.core.ui.nav import register_nav
        from countydesk.incidents.choices import OPEN_STATUSES, Status

        from .views.stock import paperwork_card

        register_nav("emergency", _("Command desk"), "command:incidents", lambda u: has_perm(u, "command.view"), order=15)
        register_nav("emergency", _("My dispatch orders"), "command:my_orders",  # a team leader's own orders
                     lambda u: has_perm(u, "command.team_update") and not has_perm(u, "command.dispatch"), order=16)
        register_nav("emergency", _("Allocations to scenes"), "command:allocations",
                     visible=lambda u: has_perm(u, "command.view"), order=248)
        register_nav("emergency", _("Requisitions"), "command:requisitions",
                     visible=lambda u: has_perm(u, "command.view"), order=249)
        register_nav("emergency", _("Evaluations"), "command:evaluations",
                     visible=lambda user: has_perm(user, "command.view"), order=250)
        register_card("command/requisition_card.html", paperwork_card, lambda u: has_perm(u, "command.view"), order=150)
        register_record_action(
            "incidents.incident", "command.activate_response", _("Activate a response"),
            url=lambda incident: f"/command/responses/activate/{incident.pk}/",
            visible=lambda user, incident: has_perm(user, "command.activate") and incident.status in OPEN_STATUSES,
            order=10)
        register_record_action(
            "incidents.incident", "command.page", _("Command desk"),
            url=lambda incident: f"/command/incident/{incident.pk}/",
            visible=lambda user, incident: has_perm(user, "command.view") and incident.status in OPEN_STATUSES,
            order=20)
        register_record_action(
            "incidents.incident", "command.evaluation", _("After-action evaluation"),
            url=lambda incident: f"/command/incident/{incident.pk}/evaluation/",
            visible=lambda user, incident: (has_perm(user, "command.view")
                                            and incident.status in (Status.CLOSED, Status.EVALUATED)),
            order=30)

    def _register_live_topics(self):
        from countydesk.core.events import register_topic

        from .services import orders, responses

        register_topic(orders.TOPIC, "command.view", sees_all=orders.sees_all_orders)
        register_topic(responses.TOPIC, "command.view")
        register_topic("command.stock", "command.view")  # allocations and requisitions (物资调配、征用)

    def _register_plugins(self):
        from . import milestones  # noqa: F401  (the incidents chapter's milestones)
        from .advice import register_busy_teams
        from .evaluation import readers, sections  # noqa: F401  (the evaluation's milestones and sections)
        from .models import OPEN_ORDER_STATUSES, DispatchOrder
        from .page import register_panel
        from .views import orders_panels, response_panels  # noqa: F401  (the command page's panels and map layers)
        from .views.stock import stock_panel

        register_panel("stock", "command/stock_panel.html", stock_panel, order=25)

        register_busy_teams(lambda: DispatchOrder.objects.filter(status__in=OPEN_ORDER_STATUSES).values("team_id"))
