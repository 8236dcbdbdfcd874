from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "countydesk.registry.plans"
    label = "plans"
    verbose_name = _("Emergency plans")
