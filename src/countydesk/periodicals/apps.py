from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeriodicalsConfig(AppConfig):
    """Information products (信息产品): periodicals, issues, sign-off and transmission (A4, A5)."""

    name = "countydesk.periodicals"
    label = "periodicals"
    verbose_name = _("Periodicals")

    def ready(self):
        from countydesk.accounts.choices import COUNTY_WIDE_ROLES, Role
        from countydesk.accounts.scoping import has_perm, register_permissions
        from countydesk.audit.labels import register_action_labels
        from countydesk.core.ui.nav import register_nav

        from countydesk.search.services import index_model

        from . import demo  # noqa: F401  (registers the demo builder)
        from . import search
        from .models import IssueItem

        index_model(IssueItem, "issue_item", _("Periodical article"), search.document)

        register_permissions({
            "periodicals.compile": {Role.ADMIN, Role.INFO_EDITOR},
            "periodicals.sign": {Role.ADMIN, Role.OFFICE_LEADER},
            "periodicals.read_drafts": {Role.ADMIN, Role.INFO_EDITOR, Role.OFFICE_LEADER, Role.AUDITOR},
        })
        register_nav("info", _("Periodicals"), "issue_list",
                     lambda u: u.is_superuser or u.has_role(*COUNTY_WIDE_ROLES) or has_perm(u, "periodicals.compile"),
                     order=300)
        register_action_labels({
            "issue.create": _("started an issue"), "issue.add_item": _("added an article"),
            "issue.edit_item": _("edited an article"), "issue.remove_item": _("removed an article"),
            "issue.submit": _("sent an issue for sign-off"), "issue.return": _("returned an issue"),
            "issue.sign": _("signed off an issue"), "issue.publish": _("sent out an issue"),
            "delivery.sent": _("delivered an issue"), "delivery.failed": _("failed to deliver an issue"),
            "delivery.fax": _("recorded a fax"),
        })
