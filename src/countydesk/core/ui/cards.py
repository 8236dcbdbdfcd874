"""Dashboard cards: apps register a card (a template and a function giving its context) for the roles it serves."""

from dataclasses import dataclass
from typing import Callable

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Card:
    template: str
    context: Callable  # (request) -> dict, or None to skip the card
    visible: Callable = lambda user: True
    order: int = 100


CARDS: list[Card] = []


def register_card(template: str, context: Callable, visible: Callable = lambda user: True, order: int = 100):
    if not any(c.template == template for c in CARDS):
        CARDS.append(Card(template, context, visible, order))


def render_cards(request) -> list[str]:
    """The visible cards' HTML. A card template sees its own context, `request` and `user`: the page's context
    processors (navigation, messages) run once for the page, not once per card."""
    html = []
    for card in sorted(CARDS, key=lambda c: c.order):
        if card.visible(request.user):
            context = card.context(request)
            if context is not None:
                html.append(render_to_string(card.template, {"request": request, "user": request.user, **context}))
    return html
