"""Segmentation, sentences, keywords and index tokens."""
from countydesk.textkit import add_places, keywords, search_tokens, sentences, words
from countydesk.textkit.segment import cut, user_words


def test_sentences_split_on_chinese_punctuation_and_newlines():
    text = "今年以来，全县开展检查。发现隐患36处！如何整改？一是加强巡查；二是落实责任……\n下一步工作"
    assert sentences(text) == [
        "今年以来，全县开展检查。",
        "发现隐患36处！",
        "如何整改？",
        "一是加强巡查；",
        "二是落实责任……",
        "下一步工作",
    ]


def test_sentences_keep_closing_quotes_with_their_sentence():
    text = "县长强调：“要确保安全度汛。”会议要求各乡镇落实责任。"
    assert sentences(text) == ["县长强调：“要确保安全度汛。”", "会议要求各乡镇落实责任。"]


def test_sentences_of_blank_text():
    assert sentences("") == []
    assert sentences(" \n\n ") == []


def test_add_words_extends_the_dictionary_at_run_time():
    name = "鹁鸽岭村"
    before = cut(f"{name}发生山林火灾")
    assert name not in before
    assert add_places([name, " ", name]) == 1
    assert name in cut(f"{name}发生山林火灾")
    assert name in user_words("ns")


def test_words_drop_punctuation():
    assert "，" not in words("目前，储备化肥2.3万吨。")
    assert "化肥" in words("目前，储备化肥2.3万吨。")


def test_keywords_pick_content_words():
    text = (
        "县应急管理局组织开展森林防火应急演练。演练模拟山林火灾发生后的报告、扑救和群众转移。"
        "森林防火是春季安全生产的重点，各乡镇要落实森林防火责任，加强山林巡查。"
    )
    top = keywords(text, 5)
    assert len(top) == 5
    assert "森林防火" in top or "防火" in top
    assert not {"的", "是", "各"} & set(top)


def test_keywords_of_empty_text():
    assert keywords("", 5) == []


def test_search_tokens_contain_words_and_all_cjk_bigrams():
    tokens = search_tokens("城关镇山林起火，119已出警").split()
    for bigram in ("城关", "关镇", "镇山", "山林", "林起", "起火", "出警"):
        assert bigram in tokens
    assert "城关镇" in tokens
    assert "119" in tokens
    assert "，" not in tokens
    assert len(tokens) == len(set(tokens))
