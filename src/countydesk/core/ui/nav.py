"""Navigation for both chapters: apps register their pages; each role sees only what it may open."""

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from countydesk.accounts.scoping import is_county_wide

CHAPTERS = {
    "info": _("Government information"),
    "emergency": _("Emergency management"),
    "directory": _("Directory"),
    "system": _("System"),
}


@dataclass(frozen=True)
class NavEntry:
    chapter: str
    label: object
    url_name: str
    visible: Callable = lambda user: True
    order: int = 100


NAVIGATION: list[NavEntry] = []


def register_nav(chapter: str, label, url_name: str, visible: Callable = lambda user: True, order: int = 100):
    """Called from an app's AppConfig.ready(): adds one page to a chapter of the side navigation."""
    if chapter not in CHAPTERS:
        raise ValueError(f"unknown chapter {chapter}")
    if not any(e.url_name == url_name for e in NAVIGATION):
        NAVIGATION.append(NavEntry(chapter, label, url_name, visible, order))


@lru_cache(maxsize=512)
def _address(url_name: str, urlconf, prefix: str) -> str:
    """A navigation page's address, reversed once per URL configuration and script prefix."""
    return reverse(url_name, urlconf=urlconf)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    nav = []
    for key, title in CHAPTERS.items():
        entries = sorted((e for e in NAVIGATION if e.chapter == key and e.visible(user)), key=lambda e: e.order)
        if entries:
            nav.append((title, [(e.label, _address(e.url_name, get_urlconf(), get_script_prefix())) for e in entries]))
    return {"nav": nav, "county_wide": is_county_wide(user)}
