"""Incident categories and types (突发事件分类), shared by plans, incidents, warnings and cases.

Four categories of the national master plan with their types, coded in the hierarchical style of
GB/T 35561-2017: one digit for the category, two for the type (e.g. "105" 森林(草原)火灾).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class EventType:
    code: str
    name: str
    category: str


CATEGORIES = {
    "1": _("Natural disaster"),       # 自然灾害
    "2": _("Accident"),               # 事故灾难
    "3": _("Public health event"),    # 公共卫生事件
    "4": _("Social security event"),  # 社会安全事件
}
CATEGORY_NAMES_ZH = {"1": "自然灾害", "2": "事故灾难", "3": "公共卫生事件", "4": "社会安全事件"}

_TYPES = {
    "1": ["水旱灾害", "气象灾害", "地震灾害", "地质灾害", "森林(草原)火灾", "生物灾害"],
    "2": ["工矿商贸安全事故", "交通运输事故", "公共设施和设备事故", "核与辐射事故", "环境污染和生态破坏", "火灾事故", "溺水事故"],
    "3": ["传染病疫情", "群体性不明原因疾病", "食品安全和职业危害", "动物疫情"],
    "4": ["重大刑事案件", "恐怖袭击", "民族宗教事件", "经济安全事件", "涉外突发事件", "群体性事件",
          "金融突发事件", "网络与信息安全事件"],
}

EVENT_TYPES: dict[str, EventType] = {
    f"{cat}{i:02d}": EventType(f"{cat}{i:02d}", name, cat)
    for cat, names in _TYPES.items()
    for i, name in enumerate(names, start=1)
}

EVENT_TYPE_CHOICES = [(code, f"{code} {t.name}") for code, t in EVENT_TYPES.items()]
CATEGORY_CHOICES = list(CATEGORIES.items())


def category_of(type_code: str) -> str:
    """The category (大类) of an event type; "" for a code that is not one."""
    event_type = EVENT_TYPES.get(type_code)
    return event_type.category if event_type else ""


def type_label(type_code: str) -> str:
    """An event type as "code name" (e.g. "105 森林(草原)火灾"); "" for a code that is not one."""
    return f"{type_code} {EVENT_TYPES[type_code].name}" if type_code in EVENT_TYPES else ""


# Types of different categories that callers mix up for one event: a fire on a wooded hillside is 森林(草原)火灾
# to the forest-fire office and 火灾事故 to 110; a flood is reported by someone whose neighbour fell into the water.
# Each group is one parent above the types, for the purpose of joining reports of the same event.
TYPE_GROUPS = {
    "fire": frozenset({"105", "206"}),
    "water": frozenset({"101", "207"}),
    "leak": frozenset({"203", "205"}),
    "disease": frozenset({"301", "302"}),
}


def types_near(a: str, b: str) -> bool:
    """Whether two type codes may describe one event: the same type, one of them not yet known (vaguer), or types
    of one group. A shared category is not enough: a traffic accident and a house fire on one street are two events."""
    if not a or not b or a == b:
        return True
    return any(a in group and b in group for group in TYPE_GROUPS.values())


def near_types(code: str) -> set[str]:
    """The known types `types_near` `code` (itself included; every type for an unknown one)."""
    if not code:
        return set(EVENT_TYPES)
    return {code}.union(*(group for group in TYPE_GROUPS.values() if code in group))


_CODES_BY_NAME = {t.name: code for code, t in EVENT_TYPES.items()}


def type_code_of(word: str) -> str | None:
    """The type code a cell names: a code, "code name" (as exported) or the type's name; None if none."""
    word = word.strip()
    code = word.split(" ")[0]
    if code in EVENT_TYPES:
        return code
    return _CODES_BY_NAME.get(word)
