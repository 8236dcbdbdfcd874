"""Scoring (计分): "highest only" is among periodical adoptions; instructions and deductions always add;
missed commissions can zero the year; quotas are edited in the admin with an audit row."""

from datetime import date

import pytest

from countydesk.accounts.system import SYSTEM
from countydesk.audit.models import AuditEvent
from countydesk.info.models import Commission, InfoRule, QuotaRule, ScoreRule, Submission
from countydesk.info.services import do_record_adoption, ranking
from countydesk.orgs.models import Unit

pytestmark = pytest.mark.django_db
OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))


def _item(unit, title):
    return Submission.objects.create(
        unit=unit, title=title, body="正文", writer_name="王芳", status="accepted",
        event_at="2026-10-01T08:00:00+08:00", collected_at="2026-10-01T08:00:00+08:00",
        written_at="2026-10-01T08:00:00+08:00", deadline="2026-10-02T08:00:00+08:00")


def _score(unit, *codes):
    item = _item(unit, "计分" + "-".join(codes))
    for day, code in enumerate(codes, start=5):
        do_record_adoption(SYSTEM, item, ScoreRule.objects.get(code=code), date(2026, 10, day))
    return ranking(*OCTOBER, [unit])[0].points


@pytest.mark.parametrize("codes, expected", [
    (("county-zhengwu", "inaccurate"), -20),
    (("city", "instruction-city"), 25),
    (("county-yaoqing", "city", "instruction-province"), 30),
])
def test_highest_only_keeps_instructions_and_deductions(codes, expected):
    InfoRule.objects.filter(key="adoption_highest_only").update(value=1)
    assert _score(Unit.objects.get(name="西坪乡"), *codes) == expected


def test_two_missed_commissions_zero_the_year_when_the_rule_says_so():
    commission = Commission.objects.filter(status="issued", deadline=date(2026, 11, 10)).first()
    unit = commission.unit
    november = (date(2026, 11, 1), date(2026, 11, 30))
    this_year = Commission.objects.filter(unit=unit, deadline__range=(date(2026, 1, 1), november[1]))
    missed = sum(c.late for c in this_year.exclude(status="cancelled"))
    assert missed >= 1
    InfoRule.objects.filter(key="zero_year_misses").update(value=missed + 1)
    assert not ranking(*november, [unit])[0].zeroed
    InfoRule.objects.filter(key="zero_year_misses").update(value=missed)
    row = ranking(*november, [unit])[0]
    assert row.zeroed and row.points == 0
    InfoRule.objects.filter(key="zero_year_misses").update(value=0)
    assert not ranking(*november, [unit])[0].zeroed


def test_quota_rules_are_edited_in_the_admin_with_audit(client_as):
    quota = QuotaRule.objects.first()
    client = client_as("admin")
    page = client.get(f"/admin/info/quotarule/{quota.pk}/change/")
    assert page.status_code == 200
    form = {"unit_kind": quota.unit_kind, "item_kind": quota.item_kind, "per": quota.per,
            "minimum": quota.minimum + 3}
    assert client.post(f"/admin/info/quotarule/{quota.pk}/change/", form).status_code == 302
    quota.refresh_from_db()
    assert quota.minimum == form["minimum"]
    assert AuditEvent.objects.filter(action="admin.quotarule.update", object_id=str(quota.pk)).count() == 1
