from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "countydesk.core"
    verbose_name = "CountyDesk core"
