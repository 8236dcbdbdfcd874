"""Completeness: 时间、地点、主体、事件、数据、来源 and length hints."""
from countydesk.textkit import LABELS, add_places, add_units, check_completeness

FULL = (
    "据县应急管理局介绍，3月18日，城关镇东风村发生一起山林火灾，过火面积约20亩。"
    "接报后，镇政府立即组织60余人赶赴现场扑救。"
)


def test_complete_text_has_nothing_missing():
    result = check_completeness(FULL)
    assert result.missing == []
    assert set(result.evidence) == set(LABELS)
    assert "20亩" in result.evidence["数据"]
    assert result.length == len(FULL)
    assert result.condense_hint is None


def test_missing_labels_use_the_chinese_names_in_fixed_order():
    result = check_completeness("全县春耕备耕工作进展顺利，农资储备比去年同期明显增加。")
    assert result.missing == ["时间", "主体", "数据", "来源"]


def test_comparison_alone_is_not_a_time():
    assert "时间" in check_completeness("全县储备化肥2.3万吨，比去年同期增加12%。").missing


def test_unit_name_prefix_is_not_a_place():
    result = check_completeness("3月18日，县应急管理局组织开展森林防火应急演练，参演人员120人。")
    assert result.missing == ["地点", "来源"]


def test_place_from_the_user_dictionary():
    text = "5月28日，县应急办组织老鸦窝开展避险转移演练，参演群众200余人。"
    assert "地点" in check_completeness(text).missing
    add_places(["老鸦窝"])
    assert "地点" not in check_completeness(text).missing


def test_unit_from_the_user_dictionary():
    text = "近日，全县完成春季造林1.2万亩。"
    assert "主体" in check_completeness(text).missing
    add_units(["绿源林业"])
    assert "主体" not in check_completeness("近日，绿源林业完成春季造林1.2万亩。").missing


def test_sources():
    for text in (
        "据县统计局统计，全县完成投资5亿元。",
        "县财政局负责人介绍，补贴已发放到户。",
        "近日，部分群众反映路灯损坏。",
        "县110指挥中心接到群众报警，称民房起火。",
        "信息来源：县气象局。",
        "监测显示，水位持续上涨。",
    ):
        assert "来源" not in check_completeness(text).missing, text


def test_noun_phrase_title_has_no_event():
    result = check_completeness("城关镇2011年1—2月主要经济指标：工业产值2.1亿元，财政收入3600万元。")
    assert "事件" in result.missing


def test_condense_hint_for_long_text():
    text = "据县统计局统计，1—2月，城关镇完成投资5.6亿元，同比增长12%。" * 30
    result = check_completeness(text)
    assert result.length > 800
    assert result.condense_hint and "800" in result.condense_hint
    assert "800" not in (check_completeness(text, target_chars=5000).condense_hint or "")


def test_condense_hint_for_long_sentences():
    text = "据县统计局统计，" + "，".join(["城关镇完成投资5.6亿元"] * 12) + "。"
    result = check_completeness(text, max_sentence_chars=100)
    assert result.long_sentences == 1
    assert result.condense_hint and "拆分" in result.condense_hint
