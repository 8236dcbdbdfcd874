"""Completeness (要素齐全) of an information submission: the six elements
时间、地点、主体、事件、数据、来源, plus length and condensation hints.

Detection is lexical and pragmatic: each element is present when one piece of
evidence is found; ``evidence`` names it so an editor can see why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .segment import PLACE_TAG, UNIT_TAG, sentences, tag, user_words
from .timewords import find_figures, find_time_phrases, mask_comparisons

LABELS = ("时间", "地点", "主体", "事件", "数据", "来源")

_CLOCK_TIME = re.compile(
    r"今天|今日|昨天|昨日|前天|当天|当日|当晚|凌晨|上午|中午|下午|傍晚|晚上|夜间|深夜|"
    r"\d{1,2}\s*[时点](?:\d{1,2}分)?|近年来|近年|本周|上周|汛期|入汛|春节|国庆|元旦|年底|年初"
)
_PLACE_SUFFIXES = ("镇", "乡", "村", "社区", "街道", "县", "市", "区", "省", "组", "屯", "林场", "水库", "景区", "园区")
_SCOPE_PLACE = re.compile(r"[全我本该此][县镇乡村市区]|辖区|境内|当地|本地|各乡镇|村组|现场")
_AT_PLACE = re.compile(
    r"在[^，。；\n]{1,12}?(?:会议室|广场|现场|路|街|大道|河|江|湖|山|学校|小学|中学|医院|卫生院|公园|礼堂|"
    r"大厅|工地|码头|车站|隧道|桥|水库|矿|厂|村|镇|乡|社区|小区|基地)"
)
_FUNCTION_CHARS = frozenset("据在向对从由经为将与和被把及")
_UNIT_SUFFIXES = (
    "局", "政府", "办公室", "委员会", "党委", "公司", "合作社", "派出所", "卫生院", "指挥部", "村委会",
    "居委会", "大队", "支队", "中队", "协会", "集团", "银行", "学校", "医院", "小学", "中学", "部门", "单位",
)
_WEAK_UNIT_SUFFIXES = ("中心", "站", "所", "队", "办", "委", "院", "组")
_PERSON_OR_UNIT = re.compile(
    r"书记|县长|镇长|乡长|主任|局长|站长|所长|队长|村长|同志|负责人|工作人员|干部|村民|群众|居民|志愿者|党员|"
    r"民警|消防员|救援人员|队员|职工|医生|护士|专家|信息员|网格员|护林员|教师|"
    r"我[县镇乡局办委]|该[县镇乡村局]|各(?:乡镇|部门|单位|村|级)|"
    r"(?<![全本各])(?:镇|乡|村|县|社区|街道)(?:党委|政府)?(?:积极|迅速|及时|认真|主动|先后|立即)?"
    r"(?:组织|开展|召开|启动|实施|投入|部署|落实|推进|建立|出台|完成|举办|采取|探索|加强|强化|制定|印发|成立)"
)
_VERB_TAGS = frozenset({"v", "vd", "vi", "vg", "vq"})
_WEAK_VERBS = frozenset({"是", "有", "为", "在", "等", "称", "叫"})
_ACTION = re.compile(
    r"出动|检查|排查|开展|组织|召开|举办|发生|完成|实现|达到|增加|减少|增长|下降|发放|受理|办结|查处|破获|"
    r"抓获|转移|救助|投入|投资|新建|改造|建立|实施|启动|发布|处置|扑灭|现有|共有|拥有|储备|接待|报送|部署|"
    r"落实|推进|印发|出台|下发|救治|疏散|排除|整改"
)
_SOURCE = re.compile(
    r"据[^，。；\n]{0,24}?(?:统计|介绍|了解|报道|反映|调查|测算|核算|核实|显示|通报|监测|消息|称|报告|数据|悉)"
    r"|[\u4e00-\u9fff](?:介绍|表示|反映|透露|称|说)[，,：:]"
    r"|(?:群众|村民|居民|网民|市民|干部|企业)(?:反映|举报|来电)"
    r"|(?:接到|接|收到)[^，。；\n]{0,20}?(?:报警|报告|电话|举报|反映|来电)|接报"
    r"|(?:信息|数据)?来源[:：]|(?:统计|监测|调查|普查|数据)显示|经[^，。；\n]{1,12}?(?:统计|核实|调查|核查)"
    r"|(?:通报|报告)(?:称|显示|指出)|(?:进行了?|作出|发出)通报|根据[^，。；\n]{1,20}?(?:统计|报告|通报|数据|监测)"
)


@dataclass(frozen=True)
class CompletenessResult:
    """Elements found (``evidence``: label → phrases), ``missing`` labels and length hints;
    ``length`` counts non-whitespace characters."""

    missing: list[str]
    evidence: dict[str, list[str]] = field(default_factory=dict)
    length: int = 0
    long_sentences: int = 0
    condense_hint: str | None = None


def check_completeness(
    text: str, target_chars: int = 800, max_sentence_chars: int = 100, given: dict[str, str] | None = None
) -> CompletenessResult:
    """Check the six elements and suggest condensing (浓缩) long texts. `given` holds elements stated
    outside the text (a submission's place and source fields, by label): they count as found."""
    tagged = tag(text)
    evidence = {
        "时间": _time(text),
        "地点": _places(text, tagged),
        "主体": _subjects(text, tagged),
        "事件": _events(text, tagged),
        "数据": [f.phrase for f in find_figures(text)][:3],
        "来源": [m.group() for m in _SOURCE.finditer(text)][:3],
    }
    for label, value in (given or {}).items():
        if value.strip() and not evidence[label]:
            evidence[label] = [value.strip()]
    length = sum(1 for c in text if not c.isspace())
    long_count = sum(1 for s in sentences(text) if len(s) > max_sentence_chars)
    return CompletenessResult(
        missing=[label for label in LABELS if not evidence[label]],
        evidence={k: v for k, v in evidence.items() if v},
        length=length,
        long_sentences=long_count,
        condense_hint=_condense_hint(length, target_chars, long_count, max_sentence_chars),
    )


def _time(text: str) -> list[str]:
    masked = mask_comparisons(text)
    phrases = [tp.phrase for tp in find_time_phrases(masked, date.today())]
    return (phrases + [m.group() for m in _CLOCK_TIME.finditer(masked)])[:3]


def _events(text: str, tagged: list[tuple[str, str]]) -> list[str]:
    verbs = [w for w, t in tagged if t in _VERB_TAGS and w not in _WEAK_VERBS]
    return (verbs + [m.group() for m in _ACTION.finditer(text)])[:3]


def _places(text: str, tagged: list[tuple[str, str]]) -> list[str]:
    found = [w for w in user_words(PLACE_TAG) if w in text]
    for i, (w, t) in enumerate(tagged):
        nxt = tagged[i + 1][0] if i + 1 < len(tagged) else ""
        if _is_place(w, t) and not _starts_unit(nxt):
            found.append(w)
    found += [m.group() for m in _SCOPE_PLACE.finditer(text)]
    found += [m.group() for m in _AT_PLACE.finditer(text)]
    return found[:3]


def _is_place(word: str, pos: str) -> bool:
    return len(word) >= 2 and (pos == "ns" or word.endswith(_PLACE_SUFFIXES)) and word[0] not in _FUNCTION_CHARS


def _starts_unit(word: str) -> bool:
    """A place right before these words is part of a unit name (城关镇政府)."""
    return word.endswith(("政府", "党委", "人大", "派出所", "卫生院", "中心", "站", "所"))


def _subjects(text: str, tagged: list[tuple[str, str]]) -> list[str]:
    found = [w for w in user_words(UNIT_TAG) if w in text]
    prev = ""
    for w, t in tagged:
        if t == "nt" or (len(w) >= 2 and w.endswith(_UNIT_SUFFIXES)):
            found.append(w)
        elif w.endswith(_WEAK_UNIT_SUFFIXES) and prev:
            found.append(prev + w)
        prev = w if _nounish_tag(t) else ""
    found += [m.group() for m in _PERSON_OR_UNIT.finditer(text)]
    return found[:3]


def _nounish_tag(pos: str) -> bool:
    return pos[:1] in ("n", "j") or pos in ("vn", "zg")


def _condense_hint(length: int, target: int, long_count: int, max_sentence: int) -> str | None:
    hints = []
    if length > target:
        hints.append(f"全文{length}字，超过{target}字，建议浓缩为言简意赅、主题集中的信息成品")
    if long_count:
        hints.append(f"有{long_count}个句子超过{max_sentence}字，建议拆分")
    return "；".join(hints) or None
