"""What runs after a change has committed (the audit anchor, the live-page announcement, the first
delivery try) is logged when it fails, never raised: the caller must not see a committed change as
failed and do it again (a retried stock issue had issued twice)."""

from django.db import OperationalError

from countydesk.accounts.system import SYSTEM
from countydesk.audit import chain
from countydesk.core.events import publishing
from countydesk.core.outbox import tasks as outbox_tasks
from countydesk.orgs.models import Unit
from countydesk.registry.supplies import services
from countydesk.registry.supplies.choices import EntryKind
from countydesk.registry.supplies.models import Item, StockMovement


def _locked(*args, **kwargs):
    raise OperationalError("database table is locked")


def test_a_failing_after_commit_step_does_not_fail_the_committed_change(db, monkeypatch,
                                                                          django_capture_on_commit_callbacks):
    monkeypatch.setattr(chain, "anchor_tip", _locked)
    monkeypatch.setattr(publishing, "send", _locked)
    monkeypatch.setattr(outbox_tasks, "deliver_message", _locked)
    depot = services.do_create_depot(SYSTEM, name="提交后测试库", unit=Unit.objects.get(name="城关镇"),
                                     address="测试", manager="张伟", phone="13800000000")
    item = Item.objects.get(code="3010103")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        movement = services.do_record_entry(SYSTEM, depot, EntryKind.RECEIPT, item, 5, batch_no="B1")
    assert callbacks, "the change registered its after-commit steps"
    assert StockMovement.objects.filter(pk=movement.pk, depot=depot).exists()
