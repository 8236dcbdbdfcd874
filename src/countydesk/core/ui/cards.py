"""Dashboard cards: apps register a card (a template and a function giving its context) for the roles it serves."""

from dataclasses import dataclass
from typing import Callable

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from countydesk.accounts.scoping import is_county_wide
from countydesk.audit.models import AuditHead

# A safety net for changes made outside the services (which write no audit row): such a figure is at most this old.
FIGURE_CACHE_SECONDS = 120


@dataclass(frozen=True)
class Card:
    template: str
    context: Callable  # (request) -> dict, or None to skip the card
    visible: Callable = lambda user: True
    order: int = 100
    shared: Callable | None = None  # (user) -> for whom the card's HTML is the same (a cache key part), or None


CARDS: list[Card] = []


def register_card(template: str, context: Callable, visible: Callable = lambda user: True, order: int = 100,
                  shared: Callable | None = None):
    """`shared(user)` names the viewers who all see the same card (e.g. `scope_key`, or "all"): its HTML is then
    drawn once for them and kept like a `cached_figure`, until the next change. Leave it out for a card whose
    figures may change without an audit row."""
    if not any(c.template == template for c in CARDS):
        CARDS.append(Card(template, context, visible, order, shared))


def scope_key(user) -> str:
    """Whom a scoped figure is the same for: the whole county (county-wide roles) or one unit with what lies in it."""
    return "county" if is_county_wide(user) else f"unit:{user.unit_id}"


def render_cards(request) -> list[str]:
    """The visible cards' HTML. A card template sees its own context, `request` and `user`: the page's context
    processors (navigation, messages) run once for the page, not once per card."""
    html = []
    for card in sorted(CARDS, key=lambda c: c.order):
        if card.visible(request.user):
            key = card.shared(request.user) if card.shared else None
            drawn = _draw(request, card) if key is None else \
                mark_safe(cached_figure(request, f"card:{card.template}:{key}", lambda: _draw(request, card)))
            if drawn:
                html.append(drawn)
    return html


def _draw(request, card: Card) -> str:
    context = card.context(request)
    if context is None:
        return ""
    return render_to_string(card.template, {"request": request, "user": request.user, **context})


def cached_figure(request, name: str, compute: Callable):
    """A dashboard figure that is the same for everyone who sees it (`name` says for whom, e.g. county-wide or one
    unit), computed once and reused until the data changes: the key holds the newest audit row's number and hash (every
    change made through a service writes one, in its own transaction; the hash tells apart two histories that
    reached the same number, after a restore or a rolled-back test), today's date (figures counting what is
    overdue or current today) and the language (figures holding translated text)."""
    if not hasattr(request, "_data_version"):
        request._data_version = _data_version()
    key = f"countydesk:figure:{name}:{request._data_version}:{timezone.localdate()}:{get_language()}"
    return cache.get_or_set(key, compute, FIGURE_CACHE_SECONDS)


def _data_version() -> str:
    """The newest audit row's number and the start of its hash (one indexed row)."""
    seq, digest = AuditHead.objects.filter(pk=1).values_list("seq", "hash").first() or (0, "")
    return f"{seq}-{digest[:16]}"
