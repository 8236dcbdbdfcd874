"""Word segmentation (分词), sentence splitting, keywords and full-text index tokens.

Segmentation uses rjieba (the Rust port of jieba).  Callers extend the user
dictionary at run time with place and unit names taken from the database via
:func:`add_words`, :func:`add_places` and :func:`add_units`.
"""
from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable

import rjieba

_JIEBA = rjieba.Jieba()
_LOCK = threading.Lock()
_USER_WORDS: dict[str, str] = {}
_USER_FREQ = 50_000

PLACE_TAG = "ns"
UNIT_TAG = "nt"

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_WORD_CHAR = re.compile(rf"[{_CJK}0-9A-Za-z０-９Ａ-Ｚａ-ｚ]")
_SENTENCE_END = re.compile(r"(?:[。！？!?；;]+|…{1,2}|\.{3,6})[”’」』）)〉》]*|\n+")

_CONTENT_TAGS = frozenset("n nr ns nt nz nrt nrfg vn v l j an eng".split())

STOPWORDS = frozenset(
    """
    的 了 和 与 及 或 是 在 有 为 对 把 被 从 向 将 由 以 于 等 各 这 那 其 之 也 都 又 并 而 但 就 还
    我们 你们 他们 它们 我 你 他 她 它 此 该 本 要 会 能 可 可以 进行 开展 加强 做好 推进 积极 进一步 认真
    一是 二是 三是 四是 五是 一个 一些 有关 相关 方面 工作 情况 问题 表示 通过 已经 正在 目前 同时 其中
    按照 根据 围绕 全面 不断 切实 着力 确保 坚持 实现 全县 全镇 全乡 我县 我镇 我乡
    同比 环比 同期 去年同期 上年同期 增长 下降 增加 减少
    """.split()
)


def add_words(names: Iterable[str], tag: str = "n") -> int:
    """Add words to the user dictionary (用户词典); returns how many were new."""
    added = 0
    with _LOCK:
        for raw in names:
            name = raw.strip()
            if not name or _USER_WORDS.get(name) == tag:
                continue
            _JIEBA.add_word(name, _USER_FREQ, tag)
            added += name not in _USER_WORDS
            _USER_WORDS[name] = tag
    return added


def add_places(names: Iterable[str]) -> int:
    """Add place names (地名: 乡镇、村、社区…) to the user dictionary."""
    return add_words(names, PLACE_TAG)


def add_units(names: Iterable[str]) -> int:
    """Add unit names (单位名称) to the user dictionary."""
    return add_words(names, UNIT_TAG)


def user_words(tag: str | None = None) -> frozenset[str]:
    """User-dictionary words, optionally only those with ``tag``."""
    return frozenset(w for w, t in _USER_WORDS.items() if tag is None or t == tag)


def cut(text: str) -> list[str]:
    """Segment ``text`` into words, punctuation included."""
    return _JIEBA.cut(text)


def tag(text: str) -> list[tuple[str, str]]:
    """Segment ``text`` into (word, part-of-speech tag) pairs."""
    return _JIEBA.tag(text)


def is_word(token: str) -> bool:
    """True when ``token`` contains a letter, digit or CJK character."""
    return bool(_WORD_CHAR.search(token))


def words(text: str) -> list[str]:
    """Segmented words without punctuation or whitespace."""
    return [t for t in cut(text) if is_word(t)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of sentences; closing quotes stay with their sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [_strip_span(text, s, e) for s, e in spans if text[s:e].strip()]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str) -> list[str]:
    """Split on Chinese sentence punctuation (。！？；… and newlines)."""
    return [text[s:e] for s, e in sentence_spans(text)]


def keywords(text: str, k: int = 10) -> list[str]:
    """Top ``k`` keywords (关键词) by TextRank over content words."""
    tokens = [w for w, t in tag(text) if _is_content(w, t)]
    if not tokens:
        return []
    ranks = _textrank_words(tokens)
    first = {w: i for i, w in reversed(list(enumerate(tokens)))}
    return sorted(ranks, key=lambda w: (-ranks[w], first[w]))[:k]


def _is_content(word: str, pos: str) -> bool:
    return (
        len(word) >= 2
        and pos in _CONTENT_TAGS
        and word not in STOPWORDS
        and not any(c.isdigit() for c in word)
    )


def _textrank_words(tokens: list[str], window: int = 5, rounds: int = 30) -> dict[str, float]:
    graph: dict[str, dict[str, float]] = {w: defaultdict(float) for w in tokens}
    for i, w in enumerate(tokens):
        for v in tokens[i + 1 : i + window]:
            if v != w:
                graph[w][v] += 1.0
                graph[v][w] += 1.0
    out_sum = {w: sum(nb.values()) or 1.0 for w, nb in graph.items()}
    rank = dict.fromkeys(graph, 1.0)
    for _ in range(rounds):
        rank = {
            w: 0.15 + 0.85 * sum(wt * rank[v] / out_sum[v] for v, wt in nb.items())
            for w, nb in graph.items()
        }
    return rank


def search_tokens(text: str) -> str:
    """Space-joined index tokens: words plus overlapping CJK bigrams (二元组).

    Indexing the bigrams lets any two-character word be found even where
    the segmenter cut differently.  Apply the same function to queries.
    """
    tokens = [w.lower() for w in words(text)]
    for run in _CJK_RUN.findall(text):
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return " ".join(dict.fromkeys(tokens))  # de-duplicated, first-seen order
