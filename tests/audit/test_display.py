"""Audit rows as people read them: object names kept in the (hash-chained) row, fields by their names."""

from datetime import date

import pytest
from django.db import connection
from django.utils import translation

from countydesk.accounts.system import SYSTEM
from countydesk.audit import display
from countydesk.audit.models import AuditEvent
from countydesk.audit.queries import AuditQuery, _day_start
from countydesk.audit.services import record, verify
from countydesk.orgs.models import Unit
from countydesk.orgs.services import do_update_unit

pytestmark = pytest.mark.django_db


def test_the_object_name_is_kept_and_chained():
    unit = Unit.objects.get(name="城关镇")
    event = record(SYSTEM, "unit.update", unit, after={"duty_phone": "0797-1"})
    assert event.object_label == "城关镇"
    assert verify().ok
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET object_label = %s WHERE seq = %s", ["青山镇", event.seq])
    result = verify()
    assert (result.ok, result.broken_seq) == (False, event.seq)


def test_rows_without_a_name_still_verify():
    """Rows written before names were kept hash as they did (object_label empty is left out)."""
    event = record(SYSTEM, "unit.update", object_type="orgs.unit", object_id="1", after={"x": 1})
    assert event.object_label == "" and verify().ok


def test_a_change_reads_as_field_names_and_values():
    unit = Unit.objects.get(name="城关镇")
    do_update_unit(SYSTEM, unit, duty_phone="0797-7654321")
    event = AuditEvent.objects.order_by("-seq").first()
    with translation.override("zh-hans"):
        assert display.object_text(event) == "单位 城关镇"
        text = display.changes_text(event)
    assert "值班电话：" in text and "→ 0797-7654321" in text
    assert "duty_phone" not in text


def test_choices_booleans_times_and_foreign_keys_read_as_labels():
    event = AuditEvent(object_type="orgs.unit", object_id="9",
                       before={"kind": "village", "key_liaison": False, "parent_id": 3},
                       after={"kind": "township", "key_liaison": True, "parent_id": 4, "note": "合并"})
    with translation.override("zh-hans"):
        changes = {c.label: (c.before, c.after) for c in display.changes(event)}
        assert changes["类型"] == ("村（社区）", "乡镇（街道）")
        assert changes["重点联系单位"] == ("否", "是")
        assert changes["上级单位"] == ("#3", "#4")
        assert changes["备注"] == ("", "合并")
        assert display.object_text(event) == "单位 #9"
    moment = AuditEvent(object_type="accounts.user", after={"last_login": "2026-03-01T16:30:00+00:00"})
    assert display.changes(moment)[0].after == "2026-03-02 00:30"


def test_an_unknown_object_type_shows_as_written():
    event = AuditEvent(object_type="thing", object_id="1", after={"a": 1})
    assert display.object_text(event) == "thing #1" and display.changes_text(event) == "a：1"


def test_local_days_are_shanghai_days():
    assert _day_start(date(2026, 1, 2)).isoformat() == "2026-01-02T00:00:00+08:00"
    assert AuditQuery(date_to=date(2000, 1, 1)).apply().count() == 0


def test_every_field_name_shown_for_the_demo_is_chinese():
    """One row of each action the demo wrote: no change is labelled with an English attribute name."""
    import re

    english = set()
    seen = set()
    with translation.override("zh-hans"):
        for event in AuditEvent.objects.order_by("seq").iterator():
            if event.action in seen:
                continue
            seen.add(event.action)
            english |= {(event.action, c.label) for c in display.changes(event)
                        if c.label != "ID" and not re.search(r"[\u4e00-\u9fff]", c.label)}
    assert sorted(english) == [], "; ".join(f"{a} {b}" for a, b in sorted(english))


def test_a_model_without_its_own_name_is_shown_by_id():
    from countydesk.audit.services import _label_of
    from countydesk.registry.plans.models import Filing

    filing = Filing.objects.first()
    assert _label_of(filing) == "" and _label_of(Unit.objects.get(name="城关镇")) == "城关镇"
