"""Data freshness (数据时效) of information submissions, DOMAIN.md §8.

Each figure (数据) gets a statistical period: its own time phrase in its clause,
else the nearest one in its sentence, else in its paragraph.  Comparison bases
(同比, 比去年同期, 较上年 …) are masked first, so they never count as periods.
The newest period over all figures decides; figures whose paragraph names no
period are current-undated and cannot make a text stale.

``newest_period`` is a canonical Chinese label: "2010年", "2011年1—2月",
"2011年5月", "2011年3月15日", or "截至2011年3月20日（当前）" for words meaning now.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .segment import sentence_spans
from .timewords import Figure, TimePhrase, find_figures, find_time_phrases, mask_comparisons

_CLAUSE_BREAK = re.compile(r"[，,：:、（）()]")


@dataclass(frozen=True)
class FreshnessRule:
    """Editable rule: stale when the newest period ended before the start of the
    month ``max_lag_months`` months before the submission month."""

    max_lag_months: int = 1

    def cutoff(self, as_of: date) -> date:
        """First day of the oldest month whose figures still count as fresh."""
        months = as_of.year * 12 + as_of.month - 1 - self.max_lag_months
        return date(months // 12, months % 12 + 1, 1)


DEFAULT_RULE = FreshnessRule()


@dataclass(frozen=True)
class FreshnessResult:
    """Outcome of the freshness check; ``phrases`` are the deciding time phrases."""

    stale: bool
    newest_period: str | None
    phrases: list[str] = field(default_factory=list)
    judged: bool = True


def check_freshness(text: str, as_of: date, rule: FreshnessRule = DEFAULT_RULE) -> FreshnessResult:
    """Judge whether the figures of ``text`` are stale as of ``as_of``."""
    masked = mask_comparisons(text)
    figures = find_figures(masked)
    if not figures:
        return FreshnessResult(stale=False, newest_period=None, judged=False)
    times = find_time_phrases(masked, as_of)
    sents = sentence_spans(masked)
    owners = (_period_of(f, times, masked, sents) for f in figures)
    dated = [tp for tp in owners if tp is not None]
    if not dated:
        return FreshnessResult(stale=False, newest_period=None)
    newest = max(dated, key=lambda tp: (tp.period.end, tp.period.current)).period
    phrases = [tp.phrase for tp in dated if tp.period.end == newest.end]
    return FreshnessResult(
        stale=newest.end < rule.cutoff(as_of),
        newest_period=newest.label,
        phrases=list(dict.fromkeys(phrases)),
    )


def _period_of(
    fig: Figure, times: list[TimePhrase], text: str, sents: list[tuple[int, int]]
) -> TimePhrase | None:
    """The time phrase a figure belongs to: clause, then sentence, then paragraph."""
    for lo, hi in _scopes(fig.start, text, sents):
        inside = [tp for tp in times if lo <= tp.start and tp.end <= hi]
        before = [tp for tp in inside if tp.end <= fig.start]
        if before:
            return before[-1]
        if inside:
            return inside[0]
    return None


def _scopes(pos: int, text: str, sents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    sent = next((s for s in sents if s[0] <= pos < s[1]), (pos, pos))
    clause_lo = max((m.end() for m in _CLAUSE_BREAK.finditer(text, sent[0], pos)), default=sent[0])
    brk = _CLAUSE_BREAK.search(text, pos, sent[1])
    para_lo = text.rfind("\n", 0, pos) + 1
    para_hi = text.find("\n", pos)
    return [
        (clause_lo, brk.start() if brk else sent[1]),
        sent,
        (para_lo, len(text) if para_hi < 0 else para_hi),
    ]



