"""Plan suggestion for an incident (预案适用性研判): the plans in force covering its type, the level from the
grade by the rule table, the nearest level when a plan lacks it, each with a readable Chinese reason."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from countydesk.accounts.system import SYSTEM
from countydesk.registry.plans import services
from countydesk.registry.plans.applicability import suggest
from countydesk.registry.plans.choices import PlanKind, PlanLevel
from countydesk.registry.plans.models import Plan, ResponseLevelRule
from countydesk.registry.plans.rules import response_level_for

from .helpers import make_plan, root, unit

pytestmark = pytest.mark.django_db


def incident(type_code="207", grade=3, township=None):
    return SimpleNamespace(type_code=type_code, grade=grade, township_id=township.pk if township else None)


@pytest.fixture
def drowning():
    """A special plan for drowning (207, which no demo plan covers) with levels Ⅲ and Ⅳ only."""
    plan = make_plan("云溪县溺水事故应急预案", PlanKind.SPECIAL, PlanLevel.COUNTY, root(), types=["207"],
                     lead=unit("县应急管理局"))
    return plan


def _with_levels(plan, levels):
    Plan.objects.filter(pk=plan.pk).update(status="draft")
    services.do_update_plan(SYSTEM, plan, responses=[{"level": lv, "trigger": f"{lv}级条件"} for lv in levels])
    Plan.objects.filter(pk=plan.pk).update(status="issued")


def test_default_rule_table_maps_each_grade_to_its_numeral():
    assert [response_level_for(g) for g in (1, 2, 3, 4)] == ["I", "II", "III", "IV"]


def test_the_covering_plan_comes_first_the_overall_plan_last_with_reasons(drowning):
    _with_levels(drowning, ["III", "IV"])
    with translation.override("zh-hans"):
        found = suggest(incident("207", 3))
    assert found[0].plan == drowning and found[0].level == "III" and found[0].trigger == "III级条件"
    assert "207" in found[0].reason and "Ⅲ级事件启动Ⅲ级响应" in found[0].reason and "III级条件" in found[0].reason
    assert found[-1].plan.kind == PlanKind.OVERALL and "总体应急预案" in found[-1].reason
    assert all(s.plan.type_codes == ["207"] or s.plan.kind == PlanKind.OVERALL for s in found)


def test_a_plan_without_the_level_gets_its_nearest_and_says_so(drowning):
    _with_levels(drowning, ["III", "IV"])
    with translation.override("zh-hans"):
        (first, *_rest) = suggest(incident("207", 1))
    assert first.level == "III" and "预案未设Ⅰ级" in first.reason


def test_the_rule_table_decides_the_level(drowning):
    _with_levels(drowning, ["I", "II", "III", "IV"])
    ResponseLevelRule.objects.filter(grade=4).update(level="III")
    assert suggest(incident("207", 4))[0].level == "III"


def test_drafts_other_townships_and_untyped_incidents():
    draft = make_plan("云溪县溺水草案", PlanKind.SPECIAL, PlanLevel.COUNTY, root(), types=["207"], issued=None)
    town = make_plan("城关镇溺水预案", PlanKind.TOWNSHIP, PlanLevel.TOWNSHIP, unit("城关镇"), types=["207"])
    assert draft not in [s.plan for s in suggest(incident("207"))]
    assert town in [s.plan for s in suggest(incident("207", township=unit("城关镇")))]
    assert town not in [s.plan for s in suggest(incident("207", township=unit("青山镇")))]
    assert [s.plan.kind for s in suggest(incident(""))] == [PlanKind.OVERALL]
