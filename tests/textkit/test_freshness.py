"""Data freshness, DOMAIN.md §8."""
from datetime import date

import pytest

from countydesk.textkit import FreshnessRule, Period, check_freshness
from countydesk.textkit.timewords import find_figures, find_time_phrases, mask_comparisons


def stale(text: str, as_of: date, **rule: int) -> bool:
    return check_freshness(text, as_of, FreshnessRule(**rule)).stale


# ----------------------------------------------------------- DOMAIN examples
def test_september_report_with_january_to_may_figures_is_stale():
    result = check_freshness("1—5月，全县完成固定资产投资5.6亿元。", date(2011, 9, 5))
    assert result.stale and result.judged
    assert result.newest_period == "2011年1—5月"
    assert result.phrases == ["1—5月"]


def test_march_report_with_january_february_figures_is_fresh():
    result = check_freshness("1—2月，全县完成固定资产投资5.6亿元。", date(2011, 3, 20))
    assert not result.stale
    assert result.newest_period == "2011年1—2月"


def test_march_report_with_only_last_years_figures_is_stale():
    result = check_freshness("去年全县完成固定资产投资5.6亿元，新建公路120公里。", date(2011, 3, 20))
    assert result.stale
    assert result.newest_period == "2010年"
    assert result.phrases == ["去年"]


def test_comparison_base_is_not_a_period():
    result = check_freshness("目前储备化肥2.3万吨，比去年同期增加12%", date(2011, 3, 20))
    assert not result.stale
    assert result.phrases == ["目前"]
    assert result.newest_period == "截至2011年3月20日（当前）"


def test_text_without_figures_is_not_judged():
    result = check_freshness("去年以来，我县高度重视安全生产工作。", date(2011, 3, 20))
    assert (result.stale, result.judged, result.newest_period, result.phrases) == (False, False, None, [])


def test_figures_without_any_period_are_current_undated():
    result = check_freshness("全县粮食播种面积稳定在52万亩，较上年增加1.5万亩。", date(2011, 3, 20))
    assert result.judged and not result.stale and result.newest_period is None


# ------------------------------------------------------------ boundaries
@pytest.mark.parametrize(
    ("text", "as_of", "expected"),
    [
        ("1—5月接警300起。", date(2011, 7, 1), True),  # last closed month June
        ("1—6月接警300起。", date(2011, 7, 1), False),
        ("1—6月接警300起。", date(2011, 7, 31), False),
        ("1—6月接警300起。", date(2011, 8, 1), True),
        ("去年接警3000起。", date(2012, 1, 10), False),  # January: last closed month is December
        ("去年1—11月接警2700起。", date(2012, 1, 10), True),
        ("去年接警3000起。", date(2012, 2, 1), True),
        ("12月份接警300起。", date(2012, 1, 10), False),  # undated December read as last year's
        ("11月份接警300起。", date(2012, 1, 10), True),
        ("四季度接警900起。", date(2012, 1, 10), False),
        ("上半年接警900起。", date(2011, 8, 15), True),
        ("上半年接警900起。", date(2011, 7, 20), False),
        ("3月15日接警30起。", date(2011, 4, 10), False),
        ("3月15日接警30起。", date(2011, 5, 20), True),
        ("截至3月底接警300起。", date(2011, 4, 30), False),
        ("截至去年底共有队伍46支。", date(2011, 3, 20), True),
        ("上月接警30起。", date(2011, 3, 20), False),
        ("本月以来接警30起。", date(2011, 3, 20), False),
        ("前年发生火灾5起。", date(2011, 3, 20), True),
        ("今年计划新增岗位3000个。", date(2011, 12, 20), False),
        ("二季度，全县计划造林2.4万亩。", date(2011, 3, 20), False),  # a plan, not a stale figure
    ],
)
def test_boundary_months(text: str, as_of: date, expected: bool):
    assert stale(text, as_of) is expected


def test_rule_lag_is_configurable():
    text = "1—5月，全县接警300起。"
    assert stale(text, date(2011, 7, 4))
    assert not stale(text, date(2011, 7, 4), max_lag_months=2)
    assert stale(text, date(2011, 6, 4), max_lag_months=0)
    assert FreshnessRule(1).cutoff(date(2012, 1, 10)) == date(2011, 12, 1)
    assert FreshnessRule(14).cutoff(date(2012, 1, 10)) == date(2010, 11, 1)


# ---------------------------------------------------------- inheritance
def test_figure_takes_period_of_its_sentence():
    result = check_freshness("1—5月，全县共发生火灾32起，较去年同期下降15%。", date(2011, 9, 5))
    assert result.stale and result.newest_period == "2011年1—5月"


def test_figure_takes_period_of_its_paragraph():
    text = "1—5月，全县共引进项目23个。\n其中，工业项目15个。"
    assert stale(text, date(2011, 9, 5))
    text = "今年以来，全县共引进项目23个。\n其中，工业项目15个。"
    assert not stale(text, date(2011, 9, 5))


def test_undated_paragraph_does_not_inherit_from_other_paragraphs():
    text = "1—5月，全县接警300起。\n全县共有企业30家。"
    assert stale(text, date(2011, 9, 5))


def test_now_word_without_figure_does_not_rescue_old_figures():
    text = "1—5月，全县共发生火灾32起。目前，火灾形势总体平稳。"
    assert stale(text, date(2011, 9, 5))


def test_newest_figure_wins():
    text = "去年全县造林3.6万亩。今年1—2月已造林1.2万亩。"
    result = check_freshness(text, date(2011, 3, 28))
    assert not result.stale and result.newest_period == "2011年1—2月"


def test_clause_period_beats_sentence_period():
    text = "去年全县粮食产量10万吨，今年预计达到12万吨。"
    assert not stale(text, date(2011, 3, 20))
    text = "今年全县开展了调查，去年粮食产量10万吨。"
    assert stale(text, date(2011, 3, 20))


# --------------------------------------------------------- recognisers
@pytest.mark.parametrize(
    ("phrase", "label"),
    [
        ("2010年", "2010年"),
        ("二〇一〇年", "2010年"),
        ("去年", "2010年"),
        ("上年", "2010年"),
        ("前年", "2009年"),
        ("今年", "2011年"),
        ("上半年", "2010年1—6月"),
        ("2010年下半年", "2010年7—12月"),
        ("一季度", "2011年1—3月"),
        ("第一季度", "2011年1—3月"),
        ("1季度", "2011年1—3月"),
        ("前三季度", "2010年1—9月"),
        ("1—2月", "2011年1—2月"),
        ("1-5月", "2010年1—5月"),
        ("1至5月", "2010年1—5月"),
        ("一至四月", "2010年1—4月"),
        ("1月至3月", "2011年1—3月"),
        ("5月份", "2010年5月"),
        ("3月", "2011年3月"),
        ("截至3月底", "2011年1—3月"),
        ("3月15日", "2011年3月15日"),
        ("去年12月", "2010年12月"),
        ("目前", "截至2011年3月20日（当前）"),
        ("截至目前", "截至2011年3月20日（当前）"),
        ("今年以来", "截至2011年3月20日（当前）"),
        ("近日", "截至2011年3月20日（当前）"),
        ("近期", "截至2011年3月20日（当前）"),
        ("日前", "截至2011年3月20日（当前）"),
        ("当前", "截至2011年3月20日（当前）"),
    ],
)
def test_time_phrases(phrase: str, label: str):
    found = find_time_phrases(f"{phrase}，全县接警300起。", date(2011, 3, 20))
    assert [tp.phrase for tp in found] == [phrase]
    assert found[0].period.label == label


@pytest.mark.parametrize(
    "comparison", ["同比", "比去年同期", "比上年", "较上年", "与去年相比", "较2010年同期", "上年同期", "环比"]
)
def test_comparisons_are_masked(comparison: str):
    text = f"全县接警300起，{comparison}增长12%。"
    masked = mask_comparisons(text)
    assert len(masked) == len(text)
    assert find_time_phrases(masked, date(2011, 3, 20)) == []


def test_deadlines_are_not_periods():
    assert find_time_phrases("6月底前完成", date(2011, 3, 20)) == []


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("储备化肥2.3万吨，增长12%", ["2.3万吨", "12%"]),
        ("接警一千二百余起，救助群众三百余人", ["一千二百余起", "三百余人"]),
        ("投资1,200万元，面积460亩，道路45公里", ["1,200万元", "460亩", "45公里"]),
        ("占百分之四十", ["百分之四十"]),
        ("2011年3月15日", []),
        ("第3名，一起行动，一次性补助", []),
        ("用时3个月", []),
        ("落实“四个意识”", []),
        ("人口12万", ["12万"]),
    ],
)
def test_figures(text: str, figures: list[str]):
    assert [f.phrase for f in find_figures(text)] == figures


def test_period_labels():
    assert Period(date(2011, 1, 1), date(2011, 12, 31)).label == "2011年"
    assert Period(date(2010, 11, 1), date(2011, 2, 28)).label == "2010年11月—2011年2月"
    assert Period(date(2011, 3, 1), date(2011, 3, 15)).label == "2011年3月1日—2011年3月15日"
