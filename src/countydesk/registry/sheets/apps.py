from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SheetsConfig(AppConfig):
    """Excel in and out (导入导出) of every registry database: one kit for the CLI and the browser.

    Each registry app declares its databases in its own `sheets.py` with `kit.register_database`."""

    name = "countydesk.registry.sheets"
    label = "sheets"
    url_prefix = "registry"
    verbose_name = _("Registry import and export")
