"""Near-duplicate detection: SimHash fingerprints, Jaccard similarity, MinHash-LSH index."""
import json
import random
from pathlib import Path

import pytest

from countydesk.textkit import NearDupIndex, cluster, fingerprint, hamming, sentences, similarity
from countydesk.textkit.neardup import lsh_shape

DATA = Path(__file__).resolve().parents[1] / "data" / "textkit" / "labelled.jsonl"
TEXTS = list(dict.fromkeys(json.loads(line)["text"] for line in DATA.read_text("utf-8").splitlines()))

ORIGINAL = (
    "据县应急管理局介绍，3月18日，城关镇东风村发生一起山林火灾，过火面积约20亩，无人员伤亡。"
    "接报后，镇政府立即组织扑救队伍60余人赶赴现场，经过3小时奋力扑救，明火于当晚被扑灭。"
)
PARAPHRASE = (
    "3月18日，城关镇东风村发生山林火灾，过火面积约20亩，没有人员伤亡。"
    "接到报告后，镇政府立即组织60余人的扑救队伍赶赴现场，经过3个小时扑救，明火当晚被扑灭。"
)


def edit(text: str, rng: random.Random) -> str:
    """A lightly edited copy: one sentence dropped or swapped, a few characters replaced."""
    parts = sentences(text)
    if len(parts) > 2 and rng.random() < 0.5:
        parts.pop(rng.randrange(1, len(parts)))
    elif len(parts) > 1:
        i = rng.randrange(len(parts) - 1)
        parts[i], parts[i + 1] = parts[i + 1], parts[i]
    chars = list("".join(parts))
    for _ in range(max(1, len(chars) // 40)):
        chars[rng.randrange(len(chars))] = rng.choice("的了和在县镇")
    return "".join(chars)


def test_similarity_basics():
    assert similarity(ORIGINAL, ORIGINAL) == 1.0
    assert similarity(ORIGINAL, PARAPHRASE) == similarity(PARAPHRASE, ORIGINAL)
    assert similarity(ORIGINAL, PARAPHRASE) > 0.5
    assert similarity(ORIGINAL, "据县统计局统计，1—2月，全县工业增加值3.2亿元。") < 0.1
    assert similarity("", "") == 1.0
    assert similarity("县", "") == 0.0


def test_similarity_ignores_punctuation_and_spacing():
    assert similarity("城关镇 山林起火！", "城关镇山林起火") == 1.0


def test_fingerprint_is_stable_and_close_for_edits():
    assert fingerprint(ORIGINAL) == fingerprint(ORIGINAL)
    assert 0 <= fingerprint(ORIGINAL) < 2**64
    near = hamming(fingerprint(ORIGINAL), fingerprint(PARAPHRASE))
    far = [hamming(fingerprint(ORIGINAL), fingerprint(t)) for t in TEXTS]
    assert near <= 12
    assert near < min(far)


def test_lsh_shape_reaches_target_recall():
    for threshold in (0.3, 0.5, 0.6, 0.8):
        bands, rows = lsh_shape(threshold, 128)
        assert bands * rows <= 128
        assert 1 - (1 - threshold**rows) ** bands >= 0.95


def test_index_finds_edited_copies_and_not_unrelated_texts():
    rng = random.Random(7)
    index: NearDupIndex[int] = NearDupIndex(threshold=0.5)
    for i, text in enumerate(TEXTS):
        index.add(i, text)
    assert len(index) == len(TEXTS)
    found = 0
    for i, text in enumerate(TEXTS):
        hits = index.query(edit(text, rng), 0.5)
        found += bool(hits) and any(k == i for k, _ in hits)
        assert all(score >= 0.5 for _, score in hits)
    assert found / len(TEXTS) >= 0.9
    assert index.query("河口乡柳树湾村发生山体滑坡，2户房屋受损，无人员伤亡。", 0.5) == []


def test_query_scores_are_exact_and_sorted():
    index: NearDupIndex[str] = NearDupIndex(threshold=0.3)
    index.add("a", ORIGINAL)
    index.add("b", PARAPHRASE)
    index.add("c", "据县统计局统计，1—2月，全县工业增加值3.2亿元。")
    hits = index.query(ORIGINAL, 0.3)
    assert [k for k, _ in hits] == ["a", "b"]
    assert hits[0][1] == 1.0
    assert hits[1][1] == pytest.approx(similarity(ORIGINAL, PARAPHRASE))
    assert index.query(ORIGINAL, 0.99) == [("a", 1.0)]


def test_index_rejects_bad_threshold():
    with pytest.raises(ValueError):
        NearDupIndex(threshold=0)


def test_index_recall_against_exact_all_pairs():
    rng = random.Random(3)
    corpus = TEXTS + [edit(t, rng) for t in TEXTS] + [edit(t, rng) for t in TEXTS[::2]]
    threshold = 0.6
    exact = {
        (i, j)
        for i in range(len(corpus))
        for j in range(i + 1, len(corpus))
        if similarity(corpus[i], corpus[j]) >= threshold
    }
    index: NearDupIndex[int] = NearDupIndex(threshold)
    found = set()
    for j, text in enumerate(corpus):
        found |= {(i, j) for i, _ in index.query(text, threshold)}
        index.add(j, text)
    assert found <= exact  # scores are exact, so no false positives
    assert len(found) / len(exact) >= 0.95


def test_cluster_groups_incident_intakes_from_different_lines():
    intakes = [
        ("119-0312", "城关镇东风村后山山林起火，火势较大，请求支援"),
        ("110-0457", "东风村（城关镇）后山发生山林火灾，火势较大"),
        ("120-0031", "河口乡柳树湾村发生山体滑坡，2户房屋受损"),
        ("119-0313", "县城人民路一餐馆厨房起火"),
        ("12345-88", "河口乡柳树湾村山体滑坡，有房屋受损"),
        ("110-0458", "城关镇东风村后山山林起火，火势大"),
    ]
    groups = cluster(intakes, threshold=0.3)
    assert sorted(map(sorted, groups)) == [
        ["110-0457", "110-0458", "119-0312"],
        ["119-0313"],
        ["120-0031", "12345-88"],
    ]
    assert groups[0][0] == "119-0312"


def test_cluster_of_nothing():
    assert cluster([]) == []
