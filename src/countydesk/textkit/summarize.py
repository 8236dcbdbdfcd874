"""Extractive summary (摘要/浓缩): TextRank over sentences, favouring the lead
and sentences that carry figures, kept in their original order."""
from __future__ import annotations

import math

from .segment import STOPWORDS, sentence_spans, words
from .timewords import find_figures

FIGURE_BONUS = 1.0
LEAD_BONUS = 0.3
PARAGRAPH_LEAD_BONUS = 0.1
_ELLIPSIS = "…"


def summarize(text: str, max_chars: int = 200) -> str:
    """Condense ``text`` to at most ``max_chars`` characters.

    Whole sentences are chosen by score and joined in original order; if not
    even one fits, the best sentence is truncated.  Blank input gives "".
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    text = text.strip()
    if len(text) <= max_chars:
        return text
    spans = sentence_spans(text)
    sents = [text[s:e] for s, e in spans]
    scores = _scores(text, spans)
    order = sorted(range(len(sents)), key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    used = 0
    for i in order:
        if used + len(sents[i]) <= max_chars:
            chosen.append(i)
            used += len(sents[i])
    if not chosen:
        best = sents[order[0]]
        return best[: max_chars - 1] + _ELLIPSIS if max_chars > 1 else best[:1]
    return "".join(sents[i] for i in sorted(chosen))


def _scores(text: str, spans: list[tuple[int, int]]) -> list[float]:
    token_sets = [{w for w in words(text[s:e]) if w not in STOPWORDS} for s, e in spans]
    ranks = _pagerank(_similarity_matrix(token_sets))
    scores = []
    for i, (s, e) in enumerate(spans):
        bonus = 1.0
        if find_figures(text[s:e]):
            bonus += FIGURE_BONUS
        if i == 0:
            bonus += LEAD_BONUS
        elif text[s - 1 : s] == "\n" or "\n" in text[spans[i - 1][1] : s]:
            bonus += PARAGRAPH_LEAD_BONUS
        scores.append(ranks[i] * bonus)
    return scores


def _similarity_matrix(token_sets: list[set[str]]) -> list[list[float]]:
    """TextRank sentence similarity: shared words over log lengths."""
    n = len(token_sets)
    sim = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            common = len(token_sets[i] & token_sets[j])
            if common:
                denom = math.log(len(token_sets[i]) + 1) + math.log(len(token_sets[j]) + 1)
                sim[i][j] = sim[j][i] = common / denom
    return sim


def _pagerank(sim: list[list[float]], damping: float = 0.85, rounds: int = 40) -> list[float]:
    n = len(sim)
    out = [sum(row) or 1.0 for row in sim]
    rank = [1.0] * n
    for _ in range(rounds):
        rank = [
            (1 - damping) + damping * sum(sim[j][i] * rank[j] / out[j] for j in range(n) if sim[j][i])
            for i in range(n)
        ]
    return rank
