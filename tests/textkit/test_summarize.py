"""Extractive summariser."""
from hypothesis import given, settings
from hypothesis import strategies as st

from countydesk.textkit import sentences, summarize
from countydesk.textkit.timewords import find_figures

REPORT = (
    "今年以来，县应急管理局认真贯彻上级部署，扎实推进基层应急管理工作。"
    "县应急管理局多次召开专题会议，研究部署应急工作。"
    "截至目前，全县共修订完善各类应急预案126件，组建乡镇应急队伍18支、队员860人。"
    "各乡镇高度重视，主要领导亲自抓，分管领导具体抓。"
    "全县共排查整改风险隐患420处，储备应急物资价值1200万元。"
    "同时，县应急管理局加强宣传教育，群众应急意识明显增强。"
    "下一步，县应急管理局将继续完善应急管理体系。"
)

SENTENCE = st.builds(
    lambda words, end, fig: "".join(words) + (f"{fig}万元" if fig else "") + end,
    st.lists(
        st.sampled_from(["全县", "应急", "管理", "物资", "储备", "开展", "检查", "城关镇", "群众"]),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(["。", "！", "？", "；"]),
    st.one_of(st.none(), st.integers(1, 9999)),
)


def test_short_text_is_returned_whole():
    assert summarize("全县储备化肥2.3万吨。", 50) == "全县储备化肥2.3万吨。"


def test_keeps_lead_and_figures_in_original_order():
    out = summarize(REPORT, 120)
    assert len(out) <= 120
    picked = sentences(out)
    original = sentences(REPORT)
    assert is_subsequence(picked, original)
    assert picked[0] == original[0]
    assert sum(bool(find_figures(s)) for s in picked) >= 1
    assert "各乡镇高度重视" not in out


def test_prefers_sentences_with_figures():
    text = "全县应急管理工作扎实推进。全县应急物资储备工作扎实推进。全县应急物资储备价值1200万元。"
    assert "1200万元" in summarize(text, 30)


def test_truncates_the_best_sentence_when_none_fits():
    out = summarize(REPORT, 10)
    assert len(out) == 10
    assert out.endswith("…")


def test_blank_input():
    assert summarize("   ", 10) == ""


@settings(max_examples=60, deadline=None)
@given(st.lists(SENTENCE, min_size=1, max_size=12), st.integers(1, 200))
def test_summary_properties(parts: list[str], max_chars: int):
    text = "".join(parts)
    out = summarize(text, max_chars)
    assert 0 < len(out) <= max_chars
    original = sentences(text)
    if len(text) <= max_chars:
        assert out == text
    elif not is_subsequence(sentences(out), original):
        assert any(s.startswith(out.rstrip("…")) for s in original)  # truncated best sentence


def is_subsequence(picked: list[str], original: list[str]) -> bool:
    rest = iter(original)
    return all(any(p == o for o in rest) for p in picked)
