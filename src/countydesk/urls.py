"""URLs: the admin, the API (every app's `api.router`, web's too), every app's `urls` under its prefix, then the web pages.

An app joins by having `api.py` with a `router` and/or `urls.py`; its prefix is `AppConfig.url_prefix`
(default: its label).
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib import admin
from django.urls import include, path

from countydesk.core.api import api
from countydesk.info import text_api


def _our_apps():
    return [a for a in apps.get_app_configs() if a.name.startswith("countydesk.")]


def _product_apps():
    """Our apps whose urls mount under their prefix: all but web, whose pages are mounted last at ""."""
    return [a for a in _our_apps() if a.label != "web"]


def _has(app, module: str) -> bool:
    return find_spec(f"{app.name}.{module}") is not None


api.add_router("/", text_api.router)
for _app in _our_apps():
    _router = getattr(import_module(f"{_app.name}.api"), "router", None) if _has(_app, "api") else None
    if _router is not None:
        api.add_router("/", _router)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    *[path(f"{getattr(a, 'url_prefix', a.label)}/", include(f"{a.name}.urls")) for a in _product_apps() if _has(a, "urls")],
    path("", include("countydesk.web.urls")),
]

handler400 = "countydesk.core.ui.errors.bad_request"
handler404 = "countydesk.core.ui.errors.not_found"
handler403 = "countydesk.core.ui.errors.forbidden"
