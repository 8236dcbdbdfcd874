from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "countydesk.demo"
    verbose_name = "Demo county"
