"""Fixtures of the command tests: open demo incidents (城关镇, 石门镇), free teams and orders, a fresh stocked
depot, counts of what changed."""

import pytest

from countydesk.accounts.system import SYSTEM
from countydesk.audit.models import AuditEvent
from countydesk.command.models import OPEN_ORDER_STATUSES, DispatchOrder
from countydesk.command.services import orders as order_services
from countydesk.incidents.choices import OPEN_STATUSES
from countydesk.incidents.models import Incident
from countydesk.orgs.models import Unit
from countydesk.registry.supplies import services as supply_services
from countydesk.registry.supplies.choices import EntryKind
from countydesk.registry.supplies.models import Item, StockMovement
from countydesk.registry.teams.choices import Readiness
from countydesk.registry.teams.models import Team

OPEN_INCIDENT = {"status__in": ["received", "verified", "responding"], "merged_into__isnull": True}


@pytest.fixture
def free_team(user):
    """A demo team made ready and taken off any open demo order (the office cancels it)."""
    def make(name: str) -> Team:
        team = Team.objects.select_related("unit").get(name=name)
        for order in DispatchOrder.objects.filter(team=team, status__in=OPEN_ORDER_STATUSES):
            order_services.do_cancel_order(user("yingjiban"), order, "测试前撤销")
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
        return order_services.do_issue_order(user(actor), incident, team, task, **options)

    return make


def open_incident(township: str | None = None, outside: str | None = None) -> Incident:
    incidents = Incident.objects.filter(status__in=OPEN_STATUSES, merged_into__isnull=True).select_related("township")
    if township:
        incidents = incidents.filter(township__name=township)
    if outside:
        incidents = incidents.exclude(township__name=outside).exclude(township__isnull=True)
    return incidents.order_by("pk").first()


@pytest.fixture
def incident(db):
    return open_incident()


@pytest.fixture
def stocked(db):
    """A new depot of 城关镇 holding `quantity` of item `code` in batch B1 (a test sees only its own stock)."""
    counter = iter(range(1, 10_000))

    def make(quantity=50, code="3010103"):
        depot = supply_services.do_create_depot(SYSTEM, name=f"调配测试库{next(counter)}", address="测试地址",
                                         unit=Unit.objects.get(name="城关镇"), manager="张伟", phone="13800000000")
        item = Item.objects.get(code=code)
        supply_services.do_record_entry(SYSTEM, depot, EntryKind.RECEIPT, item, quantity, batch_no="B1")
        return depot, item

    return make


def counts(*models) -> tuple[int, ...]:
    return (StockMovement.objects.count(), AuditEvent.objects.count()) + tuple(m.objects.count() for m in models)
