"""Readable differences between two versions of a text, as HTML with <ins> and <del>."""

from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def html_diff(old: str, new: str) -> SafeString:
    """Character-level diff (Chinese has no spaces between words), escaped, newlines kept."""
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(old[i1:i2])}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(new[j1:j2])}</ins>")
        if op == "equal":
            parts.append(escape(old[i1:i2]))
    return mark_safe("".join(parts).replace("\n", "<br>"))


def version_diffs(versions) -> list[tuple]:
    """(version, title diff, body diff) of each version against the one before it."""
    rows, previous = [], None
    for version in versions:
        title_old, body_old = (previous.title, previous.body) if previous else ("", "")
        rows.append((version, html_diff(title_old, version.title), html_diff(body_old, version.body)))
        previous = version
    return rows
