"""Navigation for both chapters: apps register their pages; each role sees only what it may open."""

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
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
    shown = tuple(i for i, e in enumerate(NAVIGATION) if e.visible(user))
    nav = _nav(shown, get_urlconf(), get_script_prefix(), get_language())
    return {"nav": nav, "nav_html": _nav_html(nav, request.path), "county_wide": is_county_wide(user)}


@lru_cache(maxsize=256)
def _nav(shown: tuple, urlconf, prefix: str, language: str) -> tuple:
    """(chapter title, ((label, address), …)) for the entries a role sees, built once per set of entries and language."""
    nav = []
    for key, title in CHAPTERS.items():
        entries = sorted((NAVIGATION[i] for i in shown if NAVIGATION[i].chapter == key), key=lambda e: e.order)
        if entries:
            nav.append((str(title), tuple((str(e.label), _address(e.url_name, urlconf, prefix)) for e in entries)))
    return tuple(nav)


@lru_cache(maxsize=1024)
def _nav_html(nav: tuple, path: str) -> str:
    """The side navigation's HTML, the current page marked: written here, not in the template, since every page
    draws it (a template loop over some forty links costs more than the rest of a light page)."""
    def links(entries):
        return format_html_join("", "<li><a href=\"{}\"{}>{}</a></li>",
                                ((url, mark_safe(' aria-current="page"') if url == path else "", label)
                                 for label, url in entries))
    return format_html_join("\n", "<h2>{}</h2>\n<ul>{}</ul>", ((title, links(entries)) for title, entries in nav))
