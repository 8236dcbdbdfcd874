from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "countydesk.orgs"
    verbose_name = _("Units and people")
