"""The demo county's plan system gives the analysis something real to find."""

import pytest

from countydesk.registry.cases.models import Case
from countydesk.registry.plans import analysis
from countydesk.registry.plans.choices import PlanKind, PlanStatus
from countydesk.registry.plans.models import Drill, Plan

pytestmark = pytest.mark.django_db


def test_demo_has_a_plan_system():
    assert Plan.objects.filter(kind=PlanKind.OVERALL).count() == 1
    assert Plan.objects.filter(kind=PlanKind.SPECIAL).count() == 15
    assert Plan.objects.filter(kind=PlanKind.DEPARTMENT).count() >= 20
    assert Plan.objects.filter(kind=PlanKind.TOWNSHIP).count() == 10
    assert Plan.objects.filter(status=PlanStatus.DRAFT).count() >= 1
    assert Drill.objects.count() >= 5
    assert Case.objects.count() == 100


def test_demo_analysis_finds_the_deliberate_flaws():
    report = analysis.linkage()
    kinds = {(i.kind, i.plan.title, i.event_type) for i in report.issues}
    assert ("missing_link", "石门镇突发事件应急预案", "104") in kinds
    assert ("orphan", "云溪化工有限公司生产安全事故应急预案", "") in kinds
    assert ("parent_not_covering", "县市场监督管理局特种设备事故应急预案", "203") in kinds
    assert any(k == "parent_not_covering" and t == "105" and "村" in title for k, title, t in kinds)
    conflicts = {(g.event_type, frozenset(u.name for u in g.leads)) for g in report.conflicts}
    assert ("202", frozenset({"县公安局", "县交通运输局"})) in conflicts
    rows = {r.plan.title: r for r in analysis.due_rows()}
    assert rows["白沙镇突发事件应急预案"].filing_state == "late"
    assert rows["河口镇突发事件应急预案"].filing_state == "overdue"
    assert rows["云溪县地质灾害应急预案"].evaluation_overdue
    matrix = analysis.coverage()
    names = [u.name for u in matrix.units]
    assert "西坪乡" in names and "县水利局" in names and len(matrix.units) == 1 + 12 + 30
    column = names.index("西坪乡")
    flood = dict(matrix.rows)["101"]
    assert flood[column].state == "gap"
    assert flood[names.index("城关镇")].state in ("covered", "overdue")
    assert matrix.gaps > 0
