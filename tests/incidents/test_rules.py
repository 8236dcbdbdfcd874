"""Grading at every boundary, deadlines across midnight, type suggestion, township, similarity (rules.py)."""

from datetime import timedelta
from decimal import Decimal

import pytest

from countydesk.incidents import choices, rules
from countydesk.incidents.models import DeadlineRule, GradeRule
from countydesk.incidents.similarity import similarity

from .conftest import SHANGHAI, at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("deaths,expected", [(0, 4), (2, 4), (3, 3), (9, 3), (10, 2), (29, 2), (30, 1), (31, 1)])
def test_grade_by_deaths_at_every_bound(deaths, expected):
    assert rules.grade_for("2", deaths, 0, 0) == expected


@pytest.mark.parametrize("injured,expected", [(9, 4), (10, 3), (49, 3), (50, 2), (99, 2), (100, 1)])
def test_grade_by_seriously_injured_at_every_bound(injured, expected):
    assert rules.grade_for("2", 0, injured, 0) == expected


@pytest.mark.parametrize("loss,expected", [(9_999_999, 4), (10_000_000, 3), (49_999_999, 3), (50_000_000, 2),
                                           (99_999_999, 2), (100_000_000, 1)])
def test_grade_by_direct_loss_at_every_bound(loss, expected):
    assert rules.grade_for("1", 0, 0, Decimal(loss)) == expected


def test_the_most_serious_figure_decides():
    assert rules.grade_for("2", 3, 50, 0) == 2


def test_grade_rules_are_per_category_and_editable():
    GradeRule.objects.filter(category="3", grade=3).update(min_deaths=1)
    rules.clear_cache()
    assert rules.grade_for("3", 1, 0, 0) == 3
    assert rules.grade_for("2", 1, 0, 0) == 4


def test_unclassified_incident_is_graded_by_the_accident_table():
    assert rules.grade_for("", 30, 0, 0) == 1


@pytest.mark.parametrize("grade,phone,written", [(1, 15, 30), (2, 15, 30), (3, 30, 60), (4, 30, 60)])
def test_default_deadlines_per_grade(grade, phone, written):
    received = at(9)
    due = rules.report_deadlines(grade, received)
    assert due["phone"][0] == received + timedelta(minutes=phone)
    assert due["written"][0] == received + timedelta(minutes=written)
    assert due["phone"][1] < due["phone"][0]


def test_deadlines_cross_midnight_in_local_time():
    received = at(23, 45)
    due = rules.report_deadlines(4, received)
    phone, written = (due[k][0].astimezone(SHANGHAI) for k in ("phone", "written"))
    assert (phone.day, phone.hour, phone.minute) == (29, 0, 15)
    assert (written.day, written.hour, written.minute) == (29, 0, 45)
    grade_one = rules.report_deadlines(1, at(23, 50))["written"][0].astimezone(SHANGHAI)
    assert (grade_one.day, grade_one.hour, grade_one.minute) == (29, 0, 20)


def test_deadline_rule_change_takes_effect():
    DeadlineRule.objects.filter(grade=4, kind="phone").update(minutes=20)
    rules.clear_cache()
    assert rules.report_deadlines(4, at(9))["phone"][0] == at(9, 20)


@pytest.mark.parametrize("text,code", [("东岭乡后山起了山火", "105"), ("路口两车相撞", "202"), ("民房着火冒浓烟", "206"),
                                       ("河口镇老街内涝积水", "101"), ("学校食物中毒", "303"), ("今天天气很好", "")])
def test_type_suggested_by_keywords(text, code):
    assert rules.decide_type("", text, "").code == code


def test_township_from_location_then_from_address(user):
    from countydesk.orgs.models import Unit

    town = Unit.objects.get(name="白沙镇")
    assert rules.township_for(town.lat + 0.001, town.lon - 0.001, "") == town.pk
    assert rules.township_for(None, None, "云溪县白沙镇新村路口") == town.pk
    assert rules.township_for(None, None, "不知道在哪里") is None


def test_report_labels():
    assert choices.report_label("initial", 0) == "初报"
    assert choices.report_label("followup", 2) == "续报二"
    assert choices.report_label("followup", 12) == "续报十二"
    assert choices.report_label("final", 0) == "终报"


def test_similarity_bounds():
    assert similarity("人民路两车相撞", "人民路两车相撞") == 1
    assert similarity("人民路两车相撞", "东岭乡山火") == 0
    assert 0 < similarity("人民路两车相撞有人受伤", "人民路口车祸两人受伤") < 1
    assert similarity("", "abc") == 0
