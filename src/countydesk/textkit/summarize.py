"""Extractive summary (摘要/浓缩), kept in the original order: the lead sentence (who, what, when) always,
then sentences that bring back the elements of the completeness check the summary would otherwise lose
(place, source, figures…), then the rest by TextRank, favouring figures; a closing plan ("下一步…") last."""
from __future__ import annotations

import math
import re

from .completeness import LABELS, check_completeness
from .segment import STOPWORDS, sentence_spans, words
from .timewords import find_figures

FIGURE_BONUS = 1.0
LEAD_BONUS = 0.3
PARAGRAPH_LEAD_BONUS = 0.1
# What the unit will do next is the least a reader of the summary needs: such a sentence comes in only for
# an element nothing else carries.
_NEXT_STEP = re.compile(r"\s*(?:下一步|下步|下一阶段|下阶段|今后|接下来)")
_ELLIPSIS = "…"


def summarize(text: str, max_chars: int = 200) -> str:
    """Condense ``text`` to at most ``max_chars`` characters.

    Whole sentences are chosen and joined in original order; if not even the
    lead fits, the lead is truncated.  Blank input gives "".
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    text = text.strip()
    if len(text) <= max_chars:
        return text
    spans = sentence_spans(text)
    sents = [text[s:e] for s, e in spans]
    if len(sents[0]) > max_chars:
        return sents[0][: max_chars - 1] + _ELLIPSIS if max_chars > 1 else sents[0][:1]
    scores = _scores(text, spans)
    chosen = [0]
    used = len(sents[0])
    figures = [bool(find_figures(s)) for s in sents]
    rest = sorted((i for i in range(len(sents)) if not _NEXT_STEP.match(sents[i])),
                  key=lambda i: (not figures[i], -scores[i], i))
    for i in _covering(sents, figures, scores, max_chars - used) + rest:
        if i not in chosen and used + len(sents[i]) <= max_chars:
            chosen.append(i)
            used += len(sents[i])
    return "".join(sents[i] for i in sorted(chosen))


def _covering(sents: list[str], figures: list[bool], scores: list[float], room: int) -> list[int]:
    """Sentences after the lead that bring the elements (时间、地点…) the text has and the lead lacks,
    the one bringing most first (then one with figures), within `room` characters."""
    elements = [set(LABELS) - set(check_completeness(s).missing) for s in sents]
    wanted = set().union(*elements) - elements[0]
    picked: list[int] = []
    while wanted:
        fitting = [i for i in range(1, len(sents)) if i not in picked and elements[i] & wanted and len(sents[i]) <= room]
        if not fitting:
            break
        best = max(fitting, key=lambda i: (len(elements[i] & wanted), figures[i], scores[i], -i))
        picked.append(best)
        room -= len(sents[best])
        wanted -= elements[best]
    return picked


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
