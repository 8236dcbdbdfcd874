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
        from countydesk.accounts.scoping import has_perm as _has_perm
        from countydesk.core.events import register_topic
        from countydesk.core.ui.actions import register_record_action
        from countydesk.incidents.choices import OPEN_STATUSES

        from .demo import responses as _demo_responses  # noqa: F401
        from .services.responses import TOPIC as RESPONSES_TOPIC

        register_topic(RESPONSES_TOPIC, "command.view")
        register_record_action(
            "incidents.incident", "command.activate_response", _("Activate a response"),
            url=lambda incident: f"/command/responses/activate/{incident.pk}/",
            visible=lambda user, incident: _has_perm(user, "command.activate") and incident.status in OPEN_STATUSES,
            order=10)
