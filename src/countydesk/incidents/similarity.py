"""Text similarity of two intakes: the near-duplicate measure of countydesk.textkit that the information
chapter uses too (character-bigram Jaccard), with empty text matching nothing."""

from countydesk.textkit import similarity as _textkit_similarity


def similarity(a: str, b: str) -> float:
    return _textkit_similarity(a, b) if a.strip() and b.strip() else 0.0
