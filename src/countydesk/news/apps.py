from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """News coverage (新闻报道) and the reports it shows missing (A9)."""

    name = "countydesk.news"
    label = "news"
    verbose_name = _("News and missed reports")

    def ready(self):
        from countydesk.accounts.choices import Role
        from countydesk.accounts.scoping import register_permissions
        from countydesk.core.ui.nav import register_nav

        register_permissions({"news.manage": {Role.ADMIN, Role.INFO_EDITOR}})
        register_nav("info", _("Missed reports"), "news_missed", order=500)
        register_nav("info", _("News items"), "news_list", order=510)
        from countydesk.accounts.scoping import is_county_wide
        from countydesk.core.ui.cards import register_card, scope_key

        from . import demo  # noqa: F401  (registers the demo builder)
        from .views import missed_card

        register_card("news/card.html", missed_card,
                      lambda u: is_county_wide(u) or u.has_role(Role.UNIT_INFO_OFFICER, Role.UNIT_LEADER), order=300,
                      shared=scope_key)
