"""Benchmark of countydesk.textkit: quality on the labelled set, segmentation
speed, and near-duplicate search over 100k synthetic texts.

Run from the project root: ``python bench/bench_textkit.py``.  Prints one JSON
line per figure; every baseline is measured in the same run and
``ratio = value / baseline``.  Progress goes to stderr.
"""
from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from countydesk.textkit import (  # noqa: E402
    LABELS,
    NearDupIndex,
    check_completeness,
    check_freshness,
    words,
)
from countydesk.textkit.neardup import shingles  # noqa: E402
from countydesk.textkit.segment import cut  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "textkit" / "labelled.jsonl"
CORPUS_SIZE = 100_000
SAMPLE_SIZE = 2_000
QUERIES = 1_000
THRESHOLD = 0.6


def emit(figure: str, value: float, unit: str, baseline: float) -> None:
    ratio = value / baseline if baseline else None
    print(json.dumps({
        "bench": "textkit", "figure": figure, "value": round(value, 6), "unit": unit,
        "baseline": round(baseline, 6), "ratio": None if ratio is None else round(ratio, 4),
    }, ensure_ascii=False), flush=True)


def progress(message: str) -> None:
    print(f"[bench_textkit] {message}", file=sys.stderr, flush=True)


def precision_recall(pairs: list[tuple[bool, bool]]) -> tuple[float, float]:
    tp = sum(p and a for p, a in pairs)
    predicted = sum(p for p, _ in pairs)
    actual = sum(a for _, a in pairs)
    return (tp / predicted if predicted else 1.0, tp / actual if actual else 1.0)


# ------------------------------------------------------------------ quality
def naive_stale(text: str) -> bool:
    """Baseline: any mention of last year makes a text stale."""
    return "去年" in text or "上年" in text


def naive_missing(text: str) -> list[str]:
    """Baseline: one keyword per element."""
    keys = {"时间": "年月日", "地点": "镇村乡", "主体": "局办", "事件": "", "数据": "0123456789", "来源": "据"}
    return [label for label in LABELS if keys[label] and not any(c in text for c in keys[label])]


def bench_quality(rows: list[dict]) -> None:
    truth = [r["stale"] for r in rows]
    ours = [check_freshness(r["text"], date.fromisoformat(r["as_of"])).stale for r in rows]
    base = [naive_stale(r["text"]) for r in rows]
    op, orc = precision_recall(list(zip(ours, truth, strict=True)))
    bp, brc = precision_recall(list(zip(base, truth, strict=True)))
    emit("freshness_stale_precision", op, "fraction", bp)
    emit("freshness_stale_recall", orc, "fraction", brc)

    def missing_pairs(predict: Callable[[str], list[str]]) -> list[tuple[bool, bool]]:
        out = []
        for r in rows:
            got = predict(r["text"])
            out += [(label in got, label in r["missing"]) for label in LABELS]
        return out

    op, orc = precision_recall(missing_pairs(lambda t: check_completeness(t).missing))
    bp, brc = precision_recall(missing_pairs(naive_missing))
    emit("completeness_missing_precision", op, "fraction", bp)
    emit("completeness_missing_recall", orc, "fraction", brc)


# ------------------------------------------------------------- segmentation
def bench_segmentation(rows: list[dict]) -> None:
    text = "\n".join(r["text"] for r in rows) * 20
    n = len(text)
    cut(text[:100])  # warm up the dictionary

    def rate(fn: Callable[[str], object], repeat: int) -> float:
        start = time.perf_counter()
        for _ in range(repeat):
            fn(text)
        return n * repeat / (time.perf_counter() - start)

    emit("segmentation_throughput", rate(cut, 5), "chars/s", rate(str.split, 50))


# ---------------------------------------------------------------- near-dups
def synthetic_corpus(vocab: list[str], size: int, rng: random.Random) -> list[str]:
    """80% random government-style texts, 20% edited copies of earlier ones."""
    places = ["城关镇", "河口乡", "柳河镇", "东风村", "柳树湾村", "人民路社区", "青山镇", "石门乡"]
    units = ["万元", "亿元", "吨", "人", "户", "个", "亩", "起", "处", "家"]
    texts: list[str] = []
    for i in range(size):
        if i and rng.random() < 0.2:
            texts.append(edit(texts[rng.randrange(len(texts))], rng))
            continue
        parts = [rng.choice(places)]
        for _ in range(rng.randint(10, 22)):
            parts.append(rng.choice(vocab))
            if rng.random() < 0.12:
                parts.append(f"{rng.randint(2, 9999)}{rng.choice(units)}")
            if rng.random() < 0.15:
                parts.append(rng.choice("，，，。"))
        texts.append("".join(parts) + "。")
    return texts


def edit(text: str, rng: random.Random) -> str:
    """Replace, delete or insert a few characters (about one in 25)."""
    chars = list(text)
    for _ in range(max(1, len(chars) // 25)):
        pos = rng.randrange(len(chars))
        action = rng.random()
        if action < 0.4:
            chars[pos] = rng.choice("的了和在县镇村")
        elif action < 0.7 and len(chars) > 5:
            del chars[pos]
        else:
            chars.insert(pos, rng.choice("已共约近"))
    return "".join(chars)


def bench_neardup(rows: list[dict]) -> None:
    rng = random.Random(20110320)
    vocab = sorted({w for r in rows for w in words(r["text"]) if len(w) >= 2 and not w[0].isdigit()})
    progress(f"generating {CORPUS_SIZE} synthetic texts from {len(vocab)} words")
    corpus = synthetic_corpus(vocab, CORPUS_SIZE, rng)

    index: NearDupIndex[int] = NearDupIndex(THRESHOLD)
    start = time.perf_counter()
    for i, text in enumerate(corpus):
        index.add(i, text)
        if (i + 1) % 20_000 == 0:
            progress(f"indexed {i + 1} texts ({time.perf_counter() - start:.1f}s)")
    build = time.perf_counter() - start

    queries = [edit(corpus[rng.randrange(CORPUS_SIZE)], rng) for _ in range(QUERIES)]
    start = time.perf_counter()
    for q in queries:
        index.query(q, THRESHOLD)
    per_query = (time.perf_counter() - start) / QUERIES

    # a quarter of the sample are fresh edits of sampled texts, so there are pairs to find
    picked = rng.sample(corpus, SAMPLE_SIZE * 3 // 4)
    sample = picked + [edit(t, rng) for t in picked[: SAMPLE_SIZE - len(picked)]]
    progress(f"exact all-pairs over a sample of {SAMPLE_SIZE}")
    sets = [shingles(t) for t in sample]
    start = time.perf_counter()
    exact = set()
    for i in range(SAMPLE_SIZE):
        a = sets[i]
        for j in range(i + 1, SAMPLE_SIZE):
            b = sets[j]
            inter = len(a & b)
            if inter and inter / (len(a) + len(b) - inter) >= THRESHOLD:
                exact.add((i, j))
    per_pair = (time.perf_counter() - start) / (SAMPLE_SIZE * (SAMPLE_SIZE - 1) / 2)

    sample_index: NearDupIndex[int] = NearDupIndex(THRESHOLD)
    found = set()
    for j, text in enumerate(sample):
        found |= {(i, j) for i, _ in sample_index.query(text, THRESHOLD)}
        sample_index.add(j, text)
    recall = len(found & exact) / len(exact) if exact else 1.0

    emit("neardup_query_time_100k", per_query * 1000, "ms/query", per_pair * CORPUS_SIZE * 1000)
    whole = build + per_query * CORPUS_SIZE
    emit("neardup_whole_corpus_100k", whole, "s", per_pair * CORPUS_SIZE * (CORPUS_SIZE - 1) / 2)
    emit("neardup_recall_vs_all_pairs", recall, "fraction", 1.0)
    progress(f"sample: {len(exact)} exact pairs ≥ {THRESHOLD}, index found {len(found & exact)}")


def main() -> None:
    rows = [json.loads(line) for line in LABELLED.read_text("utf-8").splitlines() if line.strip()]
    progress(f"quality on {len(rows)} labelled texts")
    bench_quality(rows)
    progress("segmentation throughput")
    bench_segmentation(rows)
    bench_neardup(rows)


if __name__ == "__main__":
    main()
