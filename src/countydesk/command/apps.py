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
        from .evaluation import sections  # noqa: F401  (the evaluation's own sections)

        register_nav("emergency", _("Evaluations"), "command:evaluations",
                     visible=lambda user: has_perm(user, "command.view"), order=250)
