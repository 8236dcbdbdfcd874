"""Fixtures of the dispatch order tests: an open incident in 城关镇, one in 石门镇, and free teams."""

import pytest

from countydesk.command.models import OPEN_ORDER_STATUSES, DispatchOrder
from countydesk.command.services import orders as services
from countydesk.incidents.models import Incident
from countydesk.registry.teams.choices import Readiness
from countydesk.registry.teams.models import Team

OPEN_INCIDENT = {"status__in": ["received", "verified", "responding"], "merged_into__isnull": True}


@pytest.fixture
def free_team(user):
    """A demo team made ready and taken off any open demo order (the office cancels it)."""
    def make(name: str) -> Team:
        team = Team.objects.select_related("unit").get(name=name)
        for order in DispatchOrder.objects.filter(team=team, status__in=OPEN_ORDER_STATUSES):
            services.do_cancel_order(user("yingjiban"), order, "测试前撤销")
        Team.objects.filter(pk=team.pk).update(readiness=Readiness.READY)
        team.refresh_from_db()
        return team

    return make


@pytest.fixture
def chengguan_incident(db):
    """The 城关镇 traffic accident of the demo morning (open, no orders)."""
    return Incident.objects.filter(township__name="城关镇", **OPEN_INCIDENT).first()


@pytest.fixture
def shimen_incident(db):
    """The 石门镇 house fire: outside 城关镇."""
    return Incident.objects.filter(township__name="石门镇", **OPEN_INCIDENT).first()


@pytest.fixture
def fire_team(free_team):
    """县消防救援大队, the team of 队长 duizhang (whose unit is 县消防救援大队)."""
    return free_team("县消防救援大队")


@pytest.fixture
def flood_team(free_team):
    """县水利局防汛抢险队: a team of another unit than duizhang's."""
    return free_team("县水利局防汛抢险队")


@pytest.fixture
def issue(user):
    def make(incident, team, task="赶赴现场处置", actor="zhihui", **options):
        return services.do_issue_order(user(actor), incident, team, task, **options)

    return make
