"""Helpers for the supplies tests: demo depots by name, receipts, counts of what changed."""

import json

import pytest

from countydesk.accounts.system import SYSTEM
from countydesk.audit.models import AuditEvent
from countydesk.orgs.models import Unit
from countydesk.registry.supplies import services
from countydesk.registry.supplies.choices import EntryKind
from countydesk.registry.supplies.models import Depot, Item, StockMovement


@pytest.fixture
def depot(db):
    def get(name: str = "城关镇应急物资储备点") -> Depot:
        return Depot.objects.select_related("unit").get(name=name)

    return get


@pytest.fixture
def fresh_depot(db):
    """A new empty depot of 城关镇, so a test sees only its own movements."""
    counter = iter(range(1, 10_000))

    def make(unit_name: str = "城关镇") -> Depot:
        return services.do_create_depot(SYSTEM, name=f"测试库{next(counter)}-{unit_name}", address="测试地址",
                                        unit=Unit.objects.get(name=unit_name), manager="张伟", phone="13800000000")

    return make


def receive(depot, code: str, quantity, batch_no: str = "B1", **kwargs):
    return services.do_record_entry(SYSTEM, depot, EntryKind.RECEIPT, Item.objects.get(code=code), quantity,
                                    batch_no=batch_no, **kwargs)


def counts() -> tuple[int, int]:
    return StockMovement.objects.count(), AuditEvent.objects.count()


def post_json(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")
