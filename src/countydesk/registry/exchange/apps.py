from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """Excel in and out for every registry database (五库): one kit for the CLI and the browser."""

    name = "countydesk.registry.exchange"
    label = "registry_io"
    url_prefix = "registry"
    verbose_name = _("Registry import and export")

    def ready(self):
        from . import databases  # noqa: F401  (registers the databases)
