"""Helpers for the command tests: open demo incidents, a fresh stocked depot, counts of what changed."""

import pytest

from countydesk.accounts.system import SYSTEM
from countydesk.audit.models import AuditEvent
from countydesk.incidents.choices import OPEN_STATUSES
from countydesk.incidents.models import Incident
from countydesk.orgs.models import Unit
from countydesk.registry.supplies import services
from countydesk.registry.supplies.choices import EntryKind
from countydesk.registry.supplies.models import Item, StockMovement


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
        depot = services.do_create_depot(SYSTEM, name=f"调配测试库{next(counter)}", address="测试地址",
                                         unit=Unit.objects.get(name="城关镇"), manager="张伟", phone="13800000000")
        item = Item.objects.get(code=code)
        services.do_record_entry(SYSTEM, depot, EntryKind.RECEIPT, item, quantity, batch_no="B1")
        return depot, item

    return make


def counts(*models) -> tuple[int, ...]:
    return (StockMovement.objects.count(), AuditEvent.objects.count()) + tuple(m.objects.count() for m in models)
