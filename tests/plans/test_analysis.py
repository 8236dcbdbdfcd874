"""Linkage and coverage on a small hand-made plan system."""

from datetime import date

import pytest

from countydesk.registry.plans import analysis, services
from countydesk.registry.plans.models import Plan
from countydesk.accounts.system import SYSTEM

from .helpers import effective, make_plan, root, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def system():
    """County master; flood (101) and forest fire (105) special plans; a township and a village below."""
    Plan.objects.all().update(status="abolished")  # leave the demo's plans out of the picture
    master = make_plan("总体", "overall", "county", root(), lead=root())
    flood = make_plan("防汛", "special", "county", root(), ["101"], [master], lead=unit("县应急管理局"),
                      supporting=[unit("县水利局")])
    fire = make_plan("森林火灾", "special", "county", root(), ["105"], [master], lead=unit("县林业局"))
    town = make_plan("城关镇预案", "township", "township", unit("城关镇"), ["101", "105"], [master, flood],
                     lead=unit("城关镇"))
    village = unit("城关镇").children.order_by("sort").first()
    vplan = make_plan("村预案", "village", "village", village, ["101", "104"], [town], lead=village)
    return {"master": master, "flood": flood, "fire": fire, "town": town, "village": vplan}


def _issues(plans):
    return {(i.kind, i.plan.title, i.event_type, tuple(p.title for p in i.suggestions))
            for i in analysis.linkage(effective(*plans)).issues}


def test_vertical_links_missing_and_uncovered(system):
    issues = _issues(system.values())
    assert issues == {
        ("missing_link", "城关镇预案", "105", ("森林火灾",)),      # links to the county, but not to the fire plan
        ("parent_not_covering", "村预案", "104", ()),              # nothing above covers landslides
    }


def test_linking_fixes_the_missing_link_and_an_unlinked_plan_is_an_orphan(system):
    services.do_start_revision(SYSTEM, system["town"], "information")
    orphan = make_plan("企业预案", "unit", "unit", unit("云溪化工有限公司"), ["201"])
    plans = [system["master"], system["flood"], system["fire"], system["village"], orphan]
    town = make_plan("城关镇预案2", "township", "township", unit("城关镇"), ["101", "105"],
                     [system["master"], system["flood"], system["fire"]])
    issues = _issues([*plans, town])
    assert ("orphan", "企业预案", "", ("总体",)) in issues
    assert not [i for i in issues if i[1] == "城关镇预案2"]


def test_horizontal_conflict_of_lead_units(system):
    joint = make_plan("联合", "joint", "county", root(), ["101"], [system["master"]], lead=unit("县水利局"))
    report = analysis.linkage(effective(*system.values(), joint))
    groups = [(g.event_type, sorted(p.title for p in g.plans), g.conflict) for g in report.groups]
    assert groups == [("101", ["联合", "防汛"], True)]
    assert {u.name for u in report.conflicts[0].leads} == {"县应急管理局", "县水利局"}


def test_coverage_marks_gaps_covered_and_overdue(system):
    matrix = analysis.coverage(effective(*system.values()), today=date(2026, 5, 1))
    names = [u.name for u in matrix.units]
    rows = dict(matrix.rows)
    cell = lambda code, name: rows[code][names.index(name)].state  # noqa: E731
    assert cell("101", "城关镇") == "overdue"           # issued 2 Mar, never filed: 20 working days passed
    assert cell("101", "青山镇") == "gap"               # a county special plan exists, no township plan
    assert cell("105", "青山镇") == "gap"
    assert cell("104", "青山镇") == ""                  # no county plan for landslides: not expected
    assert cell("101", "县应急管理局") == "gap"         # lead of the flood plan without a department plan
    assert cell("101", "县水利局") == ""                # a supporting unit is not expected to have one
    assert cell("101", "县林业局") == ""
    assert cell("105", "县林业局") == "gap"             # lead of the fire plan
    assert cell("104", names[0]) == "gap"               # the village plans for landslides, the county does not
    assert cell("101", names[0]) in ("covered", "overdue")
    services.do_record_filing(SYSTEM, system["town"], filed_on=date(2026, 3, 10))
    matrix = analysis.coverage(effective(*system.values()), today=date(2026, 5, 1))
    assert dict(matrix.rows)["101"][names.index("城关镇")].state == "covered"


def test_due_rows(system):
    rows = {r.plan.title: r for r in analysis.due_rows(effective(*system.values()), today=date(2026, 3, 20))}
    assert rows["防汛"].filing_state == "pending" and rows["防汛"].filing_deadline == date(2026, 3, 30)
    assert rows["防汛"].evaluation_due == date(2029, 3, 2) and rows["防汛"].drill_due == date(2029, 3, 2)
    assert rows["村预案"].drill_due is None and not rows["村预案"].overdue
    late = {r.plan.title: r for r in analysis.due_rows(effective(*system.values()), today=date(2029, 4, 1))}
    assert late["防汛"].evaluation_overdue and late["防汛"].drill_overdue and late["防汛"].filing_state == "overdue"
