"""Casualty figures a caller states in free text (伤亡人数): deaths, injuries, trapped and missing people.

"现场有人员死亡，约5人被困" reads as at least 1 dead and 5 trapped. Numbers may be Arabic or Chinese
(五、十二、两、二十多), vague (几人、数人、多人、十几名: the least they can mean), ranges (三四人, 3至5人: the lower
bound), or a bare presence (有人员死亡 = at least 1). Denials (无人员伤亡, 未造成人员死亡) count nothing. When
a kind is stated more than once the highest figure counts (a caller repeating himself is not two events).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .timewords import cn_to_int

KINDS = ("deaths", "seriously_injured", "injured", "trapped", "missing")

# The words of each kind, longest first inside one alternation (重伤 before 伤).
_WORDS = {
    "deaths": "死亡|遇难|身亡|丧生|罹难|殒命|丧命|溺亡|溺死|淹死|烧死|砸死|撞死|炸死|压死|死了|死",
    "seriously_injured": "受重伤|重伤|严重受伤|伤势严重|危重",
    "injured": "受轻伤|轻伤|受伤|负伤|受了伤|烧伤|砸伤|撞伤|炸伤|摔伤|烫伤|压伤|刺伤|砍伤|伤亡|伤(?![心害感口])",
    "trapped": "被困|受困|困住|困在|被埋|埋压|被压",
    "missing": "失踪|下落不明|失联|失去联系",
}
# Nouns naming the people counted, and the nouns a figure may follow (伤者3人).
_PEOPLE = "人员|工人|村民|群众|居民|学生|游客|乘客|矿工|司机|儿童|小孩|孩子|老人|员工|职工|男子|女子|人"
_AFTER_WORD = {"deaths": "者", "seriously_injured": "者|员", "injured": "者|员", "trapped": "者|人员|群众",
               "missing": "者|人员"}
_CLASSIFIER = "名|个|位|口|具"
_ADVERB = "当场|已经|已|不幸|均|全部|仍然|仍|还|左右|上下|溺水|落水|因伤|被"
_NUM = "(?:\\d+|[零〇一二两三四五六七八九十百千几数]+)"
_QTY = rf"(?<![\d第零〇一二两三四五六七八九十百千几数]){_NUM}(?:\s*(?:-|~|～|至|到)\s*{_NUM})?(?:多|余|来)?"
_VAGUE = "多|数|几|若干"


def _number_first(kind: str) -> re.Pattern:
    """5人被困, 两名工人当场死亡, 十几人受伤, 1死3伤, 多名群众被困."""
    return re.compile(
        rf"(?P<q>{_QTY}(?:\s*(?:{_CLASSIFIER}))?(?:{_PEOPLE})?|(?:{_VAGUE})(?:{_CLASSIFIER})?(?:{_PEOPLE}))"
        rf"(?:{_ADVERB})*(?:{_WORDS[kind]})")


def _word_first(kind: str) -> re.Pattern:
    """死亡3人, 被困人员5名, 受伤人数为2, 伤者3人."""
    return re.compile(
        rf"(?:{_WORDS[kind]})(?:(?P<counted>人数|人员|{_AFTER_WORD[kind]}))?\s*(?:为|达到|达|约|大约|有|共|计|[:：])?\s*"
        rf"(?P<q>{_QTY})\s*(?P<cls>{_CLASSIFIER}|人)?")


def _presence(kind: str) -> re.Pattern:
    """有人员死亡, 造成人员受伤, 司机受伤, 有人被困: at least one."""
    return re.compile(rf"(?:(?:(?<![没无未暂])有|(?<![未没有无不])(?:造成|致使|导致|致))(?:{_PEOPLE})?|(?:{_PEOPLE}))"
                      rf"(?:{_ADVERB})*(?:{_WORDS[kind]})")


_ALL_WORDS = "|".join(_WORDS.values())
_DENIAL = re.compile(rf"(?:无|没有|没|未|暂无|未发现|未造成|没有造成|并无|不存在)(?:{_PEOPLE})?(?:{_ADVERB})*(?:{_ALL_WORDS})")
_PATTERNS = {kind: (_number_first(kind), _word_first(kind), _presence(kind)) for kind in KINDS}


@dataclass(frozen=True)
class Casualties:
    """The figures read from a text; `phrases` are the words that gave them (shown as the reason)."""

    deaths: int = 0
    seriously_injured: int = 0
    injured: int = 0
    trapped: int = 0
    missing: int = 0
    phrases: tuple[str, ...] = field(default=())

    def __bool__(self) -> bool:
        return any(getattr(self, kind) for kind in KINDS)

    def as_dict(self) -> dict[str, int]:
        return {kind: getattr(self, kind) for kind in KINDS}


def least_number(quantity: str) -> int:
    """The least a stated quantity can mean: 五 5, 两 2, 二十多 20, 十几 11, 几十 20, 几/数/多 2, 三四 3, 3至5 3."""
    quantity = re.split(r"\s*(?:-|~|～|至|到)\s*", quantity.strip())[0].rstrip("多余来")
    if not quantity or quantity in ("几", "数", "若干"):
        return 2
    if quantity.isdigit():
        return int(quantity)
    # 几 and 数 stand for a digit: 二 before a unit (几十 = 20 at least), 一 after one (十几 = 11 at least).
    quantity = re.sub(r"[几数](?=[十百千])", "二", quantity)
    quantity = re.sub(r"[几数]", "一", quantity)
    if len(quantity) == 2 and all(c not in "十百千" for c in quantity):
        return cn_to_int(quantity[0])  # 三四人, 一两人: a range of neighbouring digits
    return cn_to_int(quantity)


def read_casualties(text: str) -> Casualties:
    """The casualty figures `text` states, each the highest stated for its kind (0 when none is)."""
    text = _DENIAL.sub(lambda m: " " * len(m.group()), text or "")
    found = {kind: 0 for kind in KINDS}
    phrases = []
    for kind, (number_first, word_first, presence) in _PATTERNS.items():
        for match in number_first.finditer(text):
            found[kind] = max(found[kind], _quantity(match.group("q")))
            phrases.append(match.group())
        for match in word_first.finditer(text):
            if match.group("counted") in ("人数", "人员") or match.group("cls"):
                found[kind] = max(found[kind], least_number(match.group("q")))
                phrases.append(match.group())
        if not found[kind] and (match := presence.search(text)):
            found[kind] = 1
            phrases.append(match.group())
    return Casualties(**found, phrases=tuple(dict.fromkeys(p.strip() for p in phrases)))


_COUNTED = re.compile(rf"^(?P<q>{_QTY}|{_VAGUE})")


def _quantity(counted: str) -> int:
    """The number in "5人", "十几名工人", "多名群众" (a noun with no number, "人员", means one or more: 1)."""
    match = _COUNTED.match(counted)
    return least_number(match.group("q")) if match else 1
