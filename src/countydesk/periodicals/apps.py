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
        from countydesk.core.ui.cards import register_card
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
        from .views import sign_card

        register_card("periodicals/card_sign.html", sign_card, lambda u: has_perm(u, "periodicals.sign"), order=45,
                      shared=lambda u: "all")
