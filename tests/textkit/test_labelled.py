"""Quality on the hand-labelled set tests/data/textkit/labelled.jsonl."""
import json
from datetime import date
from pathlib import Path

import pytest

from countydesk.textkit import LABELS, check_completeness, check_freshness

DATA = Path(__file__).resolve().parents[1] / "data" / "textkit" / "labelled.jsonl"
ROWS = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]


def precision_recall(pairs: list[tuple[bool, bool]]) -> tuple[float, float]:
    """(predicted, actual) pairs → precision and recall of the positive class."""
    tp = sum(p and a for p, a in pairs)
    predicted = sum(p for p, _ in pairs)
    actual = sum(a for _, a in pairs)
    return (tp / predicted if predicted else 1.0, tp / actual if actual else 1.0)


def test_labelled_set_is_big_and_varied():
    assert len(ROWS) >= 60
    assert len({r["id"] for r in ROWS}) == len(ROWS)
    assert 0.25 < sum(r["stale"] for r in ROWS) / len(ROWS) < 0.6
    assert any(date.fromisoformat(r["as_of"]).month == 1 for r in ROWS)
    for label in LABELS:
        assert any(label in r["missing"] for r in ROWS), label
    assert all(set(r["missing"]) <= set(LABELS) for r in ROWS)


def test_stale_precision_and_recall():
    pairs = [(check_freshness(r["text"], date.fromisoformat(r["as_of"])).stale, r["stale"]) for r in ROWS]
    precision, recall = precision_recall(pairs)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)


@pytest.fixture(scope="module")
def predicted_missing() -> list[list[str]]:
    return [check_completeness(r["text"]).missing for r in ROWS]


@pytest.mark.parametrize("label", LABELS)
def test_missing_label_precision_and_recall(label: str, predicted_missing: list[list[str]]):
    pairs = [(label in got, label in r["missing"]) for got, r in zip(predicted_missing, ROWS, strict=True)]
    precision, recall = precision_recall(pairs)
    assert precision >= 0.9 and recall >= 0.9, (label, precision, recall)


def test_missing_labels_overall(predicted_missing: list[list[str]]):
    pairs = [
        (label in got, label in r["missing"])
        for got, r in zip(predicted_missing, ROWS, strict=True)
        for label in LABELS
    ]
    precision, recall = precision_recall(pairs)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)
