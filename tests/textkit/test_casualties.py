"""Casualty figures read from a caller's words (issue 11, item 3)."""

import pytest

from countydesk.textkit import read_casualties
from countydesk.textkit.casualties import least_number

CASES = [
    # the report of the issue: a bare "有人员死亡" is at least one
    ("化工厂发生爆炸，现场有人员死亡，约5人被困", {"deaths": 1, "trapped": 5}),
    ("有人落水", {}),
    ("两车相撞致一人死亡、三人受伤", {"deaths": 1, "injured": 3}),
    ("造成1死3伤", {"deaths": 1, "injured": 3}),
    ("一死两伤", {"deaths": 1, "injured": 2}),
    ("十几名工人被困井下", {"trapped": 11}),
    ("二十多人受伤，其中3人重伤", {"injured": 20, "seriously_injured": 3}),
    ("死亡3人，失踪2人", {"deaths": 3, "missing": 2}),
    ("被困人员5名", {"trapped": 5}),
    ("受伤人数为12", {"injured": 12}),
    ("伤者3人，死者1人", {"injured": 3, "deaths": 1}),
    ("三四人被困", {"trapped": 3}),
    ("3至5人被困", {"trapped": 3}),
    ("3-5人被困", {"trapped": 3}),
    ("多名群众被困", {"trapped": 2}),
    ("数人受伤", {"injured": 2}),
    ("几个人受伤", {"injured": 2}),
    ("几十人被困", {"trapped": 20}),
    ("百余人被困", {"trapped": 100}),
    ("一百零五人失踪", {"missing": 105}),
    ("12名矿工被困，2人失联", {"trapped": 12, "missing": 2}),
    ("一名男子溺水身亡", {"deaths": 1}),
    ("两名学生落水失踪", {"missing": 2}),
    ("有人被困", {"trapped": 1}),
    ("两辆车相撞，司机受伤", {"injured": 1}),
    ("3人被烧伤", {"injured": 3}),
    ("2人当场死亡", {"deaths": 2}),
    ("5人死亡，后又发现5人死亡", {"deaths": 5}),  # the highest stated figure, not a sum
    ("2019年3人死亡", {"deaths": 3}),
    # denials and look-alikes count nothing
    ("无人员伤亡", {}),
    ("没有人员被困", {}),
    ("暂无人员被困，无人受伤", {}),
    ("未造成人员死亡，2人受伤", {"injured": 2}),
    ("失踪3天的小狗找到了", {}),
    ("河里出现大量死鱼", {}),
    ("3辆车相撞", {}),
    ("", {}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_reads_the_figures_a_caller_states(text, expected):
    figures = read_casualties(text)
    assert figures.as_dict() == {kind: expected.get(kind, 0) for kind in figures.as_dict()}
    assert bool(figures) == bool(expected)


def test_the_phrases_that_gave_the_figures_are_named():
    figures = read_casualties("化工厂发生爆炸，现场有人员死亡，约5人被困")
    assert figures.phrases == ("有人员死亡", "5人被困")


@pytest.mark.parametrize("quantity, least", [
    ("5", 5), ("五", 5), ("两", 2), ("十二", 12), ("二十", 20), ("二十多", 20), ("十余", 10), ("十几", 11),
    ("几十", 20), ("二十几", 21), ("几", 2), ("数", 2), ("多", 2), ("三四", 3), ("一两", 1), ("3至5", 3),
    ("一百零五", 105), ("30来", 30),
])
def test_least_number(quantity, least):
    assert least_number(quantity) == least
