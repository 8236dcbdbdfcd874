from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class InfoConfig(AppConfig):
    name = "countydesk.info"
    label = "info"
    verbose_name = _("Government information")

    def ready(self):
        from countydesk.search.services import index_model

        from . import search
        from .models import Submission

        index_model(Submission, "submission", _("Submission"), search.document)

        from django.core.cache import cache
        from django.db.models.signals import post_save

        from .models import InfoRule
        from .rules import QUALITY_CACHE_KEY

        post_save.connect(lambda **kw: cache.delete(QUALITY_CACHE_KEY), sender=InfoRule, weak=False,
                          dispatch_uid="info-quality-rule-cache")
        from countydesk.accounts.choices import Role
        from countydesk.accounts.scoping import register_permissions

        register_permissions({
            "info.draft": {Role.ADMIN, Role.UNIT_INFO_OFFICER},
            "info.unit_signoff": {Role.ADMIN, Role.UNIT_LEADER},
            "info.propose": {Role.ADMIN, Role.UNIT_INFO_OFFICER, Role.INFO_EDITOR},
            "info.edit": {Role.ADMIN, Role.INFO_EDITOR},
            "info.sign_off": {Role.ADMIN, Role.OFFICE_LEADER},
            "info.liaison_rules": {Role.ADMIN, Role.INFO_EDITOR, Role.UNIT_INFO_OFFICER, Role.UNIT_LEADER},
        })
        from countydesk.news.services import register_submission_source

        from . import demo, tasks  # noqa: F401  (demo builder, periodic tasks)
        from .navigation import register
        from .services.submissions import issue_sent, issue_signed, news_source, product_candidates, product_source

        register()
        register_submission_source(news_source)
        if apps.is_installed("countydesk.periodicals"):
            from countydesk.periodicals.services import register_item_source

            register_item_source(product_source, candidates=product_candidates, on_sign_off=issue_signed,
                                 on_publish=issue_sent)

