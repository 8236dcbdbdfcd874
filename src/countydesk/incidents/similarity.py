"""Text similarity of two intakes, kept behind one function so it can later use countydesk.textkit.neardup."""

import re

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def _bigrams(text: str) -> set[str]:
    text = _NOISE.sub("", text.lower())
    if len(text) < 2:
        return {text} if text else set()
    return {text[i : i + 2] for i in range(len(text) - 1)}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the character bigrams of `a` and `b`, from 0 (nothing shared) to 1."""
    left, right = _bigrams(a), _bigrams(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)
