"""A commission (约稿) is fulfilled when its piece is submitted to 信息科 (the unit leader's sign-off), not when a
draft is linked to it; a rejected piece does not fulfil it. Overdue lists, reminders and the ranking read that."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from countydesk.accounts.system import SYSTEM
from countydesk.audit.models import AuditEvent
from countydesk.info import services
from countydesk.info.models import Commission, Submission
from countydesk.info.services import ranking, send_reminders
from countydesk.orgs.models import Unit

from .conftest import call

pytestmark = pytest.mark.django_db
CST = ZoneInfo("Asia/Shanghai")
TITLE = "城关镇背街小巷环境整治情况调研"


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), CST)


@pytest.fixture
def deadline():
    return timezone.localdate() - timedelta(days=10)


@pytest.fixture
def commission(deadline):
    """A commission to 城关镇 due ten days ago, alone on its (far) year's timetable."""
    unit = Unit.objects.get(name="城关镇")
    topic = services.do_propose_topic(SYSTEM, title=TITLE, outline="一、现状\n二、建议", unit=unit,
                                      intended_month=date(2042, 1, 1))
    services.do_accept_topic(SYSTEM, topic)
    topic = services.do_schedule_topic(SYSTEM, topic, due=deadline)
    return services.do_commission_topic(SYSTEM, topic, "按提纲撰写，3000字以内。", deadline=deadline)


def _draft(commission, written):
    return services.do_create_submission(
        SYSTEM, unit=commission.unit, at=written, commission=commission, title=TITLE, body="一、现状。二、建议。",
        kind="research", event_at=written - timedelta(hours=2), collected_at=written - timedelta(hours=1),
        written_at=written)


def _submit(user, item, at):
    services.do_send_for_unit_signoff(user("chengguan_xxy"), item)
    return services.do_unit_signoff(user("chengguan_ld"), item, at=at)


def _actions(commission):
    return list(AuditEvent.objects.filter(object_type="info.commission", object_id=str(commission.pk))
                .order_by("seq").values_list("action", flat=True))


def _month(day):
    first = day.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _deducted(commission, deadline) -> bool:
    return TITLE in ranking(*_month(deadline), [commission.unit])[0].deductions


def _overdue_ids(api_as):
    return {c["id"] for c in api_as("xinxike").get("/api/info/commissions?overdue=true&page_size=100").json()["items"]}


def test_draft_linked_before_the_deadline_and_submitted_after_it_is_late(commission, deadline, user, api_as):
    item = _draft(commission, _at(deadline - timedelta(days=3), 15))
    commission.refresh_from_db()
    assert (commission.status, commission.submission_id, commission.fulfilled_at) == ("issued", item.pk, None)
    assert _actions(commission) == ["commission.issue", "commission.link"]
    assert commission.pk in _overdue_ids(api_as)  # a linked draft is not a delivered piece
    assert commission.pk in {r.commission_id for r in send_reminders(SYSTEM, today=timezone.localdate())}
    assert _deducted(commission, deadline)

    submitted = _at(deadline + timedelta(days=2), 10)
    _submit(user, item, submitted)
    commission.refresh_from_db()
    assert (commission.status, commission.fulfilled_at) == ("fulfilled", submitted)
    assert commission.late and _deducted(commission, deadline)
    assert commission.pk not in _overdue_ids(api_as)
    assert commission.pk not in {r.commission_id for r in send_reminders(SYSTEM, today=timezone.localdate()
                                                                         + timedelta(days=1))}
    fulfil = AuditEvent.objects.get(object_type="info.commission", object_id=str(commission.pk),
                                    action="commission.fulfil")
    assert fulfil.actor.username == "chengguan_ld" and fulfil.before == {"status": "issued"}
    assert fulfil.after["status"] == "fulfilled" and fulfil.after["submission_id"] == item.pk


def test_submitted_before_the_deadline_is_on_time(commission, deadline, user):
    item = _draft(commission, _at(deadline - timedelta(days=3), 15))
    _submit(user, item, _at(deadline, 17))
    commission.refresh_from_db()
    assert commission.status == "fulfilled" and commission.fulfilled_at == _at(deadline, 17)
    assert not commission.late and not _deducted(commission, deadline)
    assert _actions(commission) == ["commission.issue", "commission.link", "commission.fulfil"]


def test_returned_and_resubmitted_keeps_the_first_submission(commission, deadline, user):
    item = _draft(commission, _at(deadline - timedelta(days=3), 15))
    first = _at(deadline - timedelta(days=1), 9)
    _submit(user, item, first)
    services.do_return_submission(user("xinxike"), item, "请补充数据来源。")
    commission.refresh_from_db()
    assert (commission.status, commission.fulfilled_at) == ("fulfilled", first)
    _submit(user, item, _at(deadline + timedelta(days=4), 9))
    commission.refresh_from_db()
    assert (commission.status, commission.fulfilled_at) == ("fulfilled", first) and not commission.late
    assert _actions(commission).count("commission.fulfil") == 1


def test_rejected_piece_does_not_fulfil_the_commission(commission, deadline, user, api_as):
    item = _draft(commission, _at(deadline - timedelta(days=3), 15))
    _submit(user, item, _at(deadline - timedelta(days=1), 9))
    assert not _deducted(commission, deadline)
    services.do_reject_submission(user("xinxike"), item, "与调研提纲不符。")
    commission.refresh_from_db()
    assert (commission.status, commission.submission_id, commission.fulfilled_at) == ("issued", None, None)
    assert commission.late and _deducted(commission, deadline) and commission.pk in _overdue_ids(api_as)
    reopen = AuditEvent.objects.get(object_type="info.commission", object_id=str(commission.pk),
                                    action="commission.reopen")
    assert reopen.actor.username == "xinxike" and reopen.before == {"status": "fulfilled"}
    assert reopen.after == {"status": "issued", "submission": None, "fulfilled_at": None}
    assert _actions(commission) == ["commission.issue", "commission.link", "commission.fulfil", "commission.reopen"]

    # The rejected piece cannot be linked again; a new piece can, and fulfils it when submitted.
    officer = api_as("chengguan_xxy")
    assert call(officer, "post", f"/api/info/commissions/{commission.pk}/link",
                {"submission_id": item.pk}).status_code == 422
    again = _draft(commission, _at(deadline + timedelta(days=1), 15))
    _submit(user, again, _at(deadline + timedelta(days=3), 11))
    commission.refresh_from_db()
    assert (commission.status, commission.submission_id) == ("fulfilled", again.pk) and commission.late


def test_linking_a_piece_already_submitted_fulfils_as_of_its_submission(commission, deadline, user, api_as):
    item = services.do_create_submission(
        SYSTEM, unit=commission.unit, at=_at(deadline - timedelta(days=5), 11), title=TITLE, body="一、现状。",
        kind="research", event_at=_at(deadline - timedelta(days=5), 9))
    _submit(user, item, _at(deadline - timedelta(days=4), 9))
    response = call(api_as("chengguan_xxy"), "post", f"/api/info/commissions/{commission.pk}/link",
                    {"submission_id": item.pk})
    assert response.status_code == 200 and response.json()["status"] == "fulfilled"
    commission.refresh_from_db()
    assert commission.fulfilled_at == _at(deadline - timedelta(days=4), 9) and not commission.late


def test_unit_signoff_through_the_api_fulfils(commission, deadline, make_draft, advance, api_as):
    draft = make_draft()
    assert call(api_as("chengguan_xxy"), "post", f"/api/info/commissions/{commission.pk}/link",
                {"submission_id": draft["id"]}).json()["status"] == "issued"
    before = timezone.now()
    advance(draft["id"], "unit_signoff")
    commission.refresh_from_db()
    item = Submission.objects.get(pk=draft["id"])
    assert commission.status == "fulfilled" and commission.fulfilled_at == item.submitted_at >= before
    assert commission.late  # submitted today, ten days after the deadline


def test_demo_shows_on_time_late_missed_and_open_commissions():
    by_deadline = {c.deadline: c for c in Commission.objects.select_related("submission")}
    done, late, missed, due = (by_deadline[date(2026, *md)] for md in ((4, 20), (10, 20), (11, 10), (11, 30)))
    assert done.status == "fulfilled" and not done.late and done.fulfilled_at == done.submission.submitted_at
    assert done.submission.adoptions.filter(rule__code="commission-adopted").exists()
    assert late.status == "fulfilled" and late.late and late.submission.written_at.date() < late.deadline
    assert missed.status == "issued" and missed.submission is None
    assert due.status == "issued" and due.submission.status == "draft" and due.fulfilled_at is None


def test_migration_corrects_commissions_fulfilled_by_a_draft(commission, deadline, user):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("countydesk.info.migrations.0009_commission_fulfilled_on_submission")
    first = _at(deadline + timedelta(days=1), 9)
    item = _draft(commission, _at(deadline - timedelta(days=3), 15))
    _submit(user, item, first)
    services.do_return_submission(user("xinxike"), item, "请补充数据来源。")
    _submit(user, item, _at(deadline + timedelta(days=5), 9))
    # As the old code left it: fulfilled when the draft was linked, before the deadline.
    Commission.objects.filter(pk=commission.pk).update(fulfilled_at=_at(deadline - timedelta(days=3), 15))
    missed = Commission.objects.get(status="issued", deadline=date(2026, 11, 10))
    draft = services.do_create_submission(SYSTEM, unit=missed.unit, title="草稿", body="草稿。", kind="research",
                                          event_at=_at(date(2026, 11, 1), 9))
    Commission.objects.filter(pk=missed.pk).update(status="fulfilled", submission=draft,
                                                   fulfilled_at=_at(date(2026, 11, 2), 9))
    migration.fulfil_on_submission(apps, None)
    commission.refresh_from_db()
    missed.refresh_from_db()
    assert (commission.status, commission.fulfilled_at) == ("fulfilled", first) and commission.late
    assert (missed.status, missed.submission_id, missed.fulfilled_at) == ("issued", draft.pk, None)
