"""The incident state machine, reports with sign-off and the outbox, deadlines and escalation (B3, B10)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from countydesk.accounts.system import SYSTEM
from countydesk.audit.models import AuditEvent
from countydesk.base.errors import Conflict, Forbidden, TransitionNotAllowed
from countydesk.incidents import services
from countydesk.core.outbox.choices import MessageState
from countydesk.core.outbox.delivery import deliver_due
from countydesk.core.outbox.models import OutboxAttempt
from countydesk.core.outbox.queries import messages_for
from countydesk.incidents.models import Incident, Notification, Report

from .conftest import data

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident():
    now = timezone.now()
    return services.do_import_intakes(SYSTEM, [data(received_at=now, lat=29.1, lon=114.7)])[0].incident


def test_transitions_in_order_each_audited(incident, user):
    zhiban = user("zhiban")
    before = AuditEvent.objects.count()
    for step in ("verify", "respond", "close", "evaluate"):
        incident = getattr(services, f"do_{step}_incident")(zhiban, incident)
    assert incident.status == "evaluated"
    assert AuditEvent.objects.count() == before + 4
    assert incident.timeline.filter(kind="status").count() == 4


def test_wrong_transition_names_the_allowed_states(incident, user):
    with pytest.raises(TransitionNotAllowed) as err:
        services.do_evaluate_incident(user("zhiban"), incident)
    assert set(err.value.allowed) == {"verified", "closed"}


def test_wrong_transition_over_the_api_is_409(incident, api_as):
    response = api_as("zhiban").post(f"/api/incidents/{incident.pk}/respond", {}, content_type="application/json")
    assert response.status_code == 409
    assert set(response.json()["fields"]["allowed"]) == {"verified", "closed"}


def test_township_officer_cannot_change_state(incident, user):
    with pytest.raises(Forbidden):
        services.do_verify_incident(user("chengguan_xxy"), incident)


def _signed_initial(incident, user):
    report = services.do_draft_report(user("zhiban"), incident, "initial")
    services.do_submit_report(user("zhiban"), report)
    return services.do_sign_report(user("lingdao"), report)


def test_initial_report_prefilled_signed_sent_delivered(incident, user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    report = services.do_draft_report(user("zhiban"), incident, "initial")
    assert report.label == "初报" and report.place == incident.address and "202" in report.nature
    with pytest.raises(TransitionNotAllowed):  # a draft is sent to the signer (送审签) before it is signed
        services.do_sign_report(user("lingdao"), report)
    services.do_submit_report(user("zhiban"), report)
    assert report.status == "pending" and report.get_status_display() == "待审签"
    with pytest.raises(Forbidden):
        services.do_sign_report(user("zhiban"), report)
    with pytest.raises(TransitionNotAllowed):
        services.do_send_report(user("zhiban"), report)
    services.do_sign_report(user("lingdao"), report)
    services.do_send_report(user("zhiban"), report)
    assert incident.deadlines.get(kind="written").met_at is not None
    message = messages_for(report).get()
    assert Report.objects.get(pk=report.pk).status_label == MessageState.PENDING.label
    assert deliver_due() == 1
    assert mail.outbox[-1].extra_headers["X-CountyDesk-Message-Id"] == str(message.uuid)
    assert deliver_due() == 0  # delivered once only
    assert OutboxAttempt.objects.filter(message=message, ok=True).count() == 1
    assert Report.objects.get(pk=report.pk).status_label == MessageState.SENT.label


def test_failed_delivery_is_recorded_and_retried_later(incident, user, settings):
    settings.EMAIL_BACKEND = "tests.incidents.failing_backend.Backend"
    report = _signed_initial(incident, user)
    services.do_send_report(user("zhiban"), report)
    message = messages_for(report).get()
    assert deliver_due() == 0
    message.refresh_from_db()
    assert message.state == "retrying" and message.attempts == 1 and message.next_attempt_at > timezone.now()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver_due(message.next_attempt_at) == 1
    assert list(OutboxAttempt.objects.filter(message=message).values_list("ok", flat=True)) == [False, True]


def test_followups_are_numbered_and_final_only_once(incident, user):
    zhiban = user("zhiban")
    with pytest.raises(Conflict):
        services.do_draft_report(zhiban, incident, "followup")
    services.do_draft_report(zhiban, incident, "initial")
    first = services.do_draft_report(zhiban, incident, "followup")
    second = services.do_draft_report(zhiban, incident, "followup")
    assert (first.label, second.label) == ("续报一", "续报二")
    services.do_draft_report(zhiban, incident, "final")
    with pytest.raises(Conflict):
        services.do_draft_report(zhiban, incident, "final")


def test_township_report_is_signed_by_its_own_unit_leader(user):
    from countydesk.orgs.models import Unit

    town = Unit.objects.get(name="城关镇")
    incident = services.do_import_intakes(SYSTEM, [data(received_at=timezone.now(), lat=town.lat, lon=town.lon)])[0].incident
    report = services.do_draft_report(user("chengguan_xxy"), incident, "initial")
    assert report.unit == town
    services.do_submit_report(user("chengguan_xxy"), report)
    with pytest.raises(Forbidden):
        services.do_sign_report(user("lingdao"), report)
    assert services.do_sign_report(user("chengguan_ld"), report).status == "signed"


def _notified(incident, kind):
    return Notification.objects.filter(incident=incident, kind=kind).values("recipient").distinct().count()


def test_escalation_before_and_after_the_deadline(incident, user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from countydesk.accounts.models import User

    User.objects.filter(username__in=["lingdao", "zhihui"]).update(email="leader@example.gov.cn")
    phone = incident.deadlines.get(kind="phone")
    services.run_escalation(phone.warn_at - timedelta(seconds=1))
    assert _notified(incident, "due_soon") == 0
    services.run_escalation(phone.warn_at + timedelta(seconds=1))
    leaders = set(Notification.objects.filter(incident=incident, kind="due_soon").values_list("recipient__username", flat=True))
    assert {"lingdao", "zhihui"} <= leaders
    emailed = Notification.objects.filter(incident=incident, kind="due_soon", emailed=True)
    assert emailed.exists() and all(messages_for(n).get().recipient == n.recipient.email for n in emailed)
    assert not mail.outbox  # queued in the outbox, not sent inside the escalation's transaction
    deliver_due()
    assert {m.to[0] for m in mail.outbox} == {n.recipient.email for n in emailed}
    count = Notification.objects.filter(incident=incident).count()
    services.run_escalation(phone.warn_at + timedelta(seconds=2))
    assert Notification.objects.filter(incident=incident).count() == count
    services.run_escalation(phone.due_at + timedelta(seconds=1))
    assert _notified(incident, "overdue") >= 2
    services.do_record_phone_report(user("zhiban"), incident)
    written = incident.deadlines.get(kind="written")
    services.run_escalation(written.due_at + timedelta(minutes=1))
    overdue = Notification.objects.filter(incident=incident, kind="overdue")
    assert overdue.filter(text__contains=written.get_kind_display()).exists()


def test_daily_reminder_for_grade_three_and_above_once_a_day(incident, user):
    services.run_daily_reminders()
    assert _notified(incident, "daily") == 0
    services.do_update_figures(user("zhiban"), incident, deaths=3, seriously_injured=0, direct_loss=0)
    services.run_daily_reminders()
    count = Notification.objects.filter(incident=incident, kind="daily").count()
    assert count >= 2
    services.run_daily_reminders()
    assert Notification.objects.filter(incident=incident, kind="daily").count() == count


def test_report_over_the_api(incident, api_as):
    zhiban = api_as("zhiban")
    response = zhiban.post(f"/api/incidents/{incident.pk}/reports", {"kind": "initial"}, content_type="application/json")
    assert response.status_code == 201
    report_id = response.json()["id"]
    assert zhiban.post(f"/api/reports/{report_id}/submit").status_code == 200
    assert zhiban.post(f"/api/reports/{report_id}/sign").status_code == 403
    assert api_as("lingdao").post(f"/api/reports/{report_id}/sign").status_code == 200
    assert zhiban.post(f"/api/reports/{report_id}/send").status_code == 200
    assert Report.objects.get(pk=report_id).status == "sent"
    assert Incident.objects.get(pk=incident.pk).deadlines.get(kind="written").met_at


def test_duty_officer_corrects_type_and_township_over_the_api(incident, api_as):
    from countydesk.orgs.models import Unit

    town = Unit.objects.get(name="龙潭乡")
    api = api_as("zhiban")
    response = api.patch(f"/api/incidents/{incident.pk}", {"type_code": "105", "township_id": town.pk},
                         content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["category"] == "1" and response.json()["township_id"] == town.pk
    bad = api.patch(f"/api/incidents/{incident.pk}", {"township_id": 999999}, content_type="application/json")
    assert bad.status_code == 422 and "township_id" in bad.json()["fields"]
    assert api.patch(f"/api/incidents/{incident.pk}", {"type_code": "999"},
                     content_type="application/json").status_code == 422
    assert api_as("chengguan_xxy").patch(f"/api/incidents/{incident.pk}", {"title": "x"},
                                         content_type="application/json").status_code in (403, 404)


def test_wrong_transition_from_a_stale_page_is_a_readable_409_and_changes_nothing(incident, client_as):
    desk = client_as("zhiban")
    before = (Incident.objects.get(pk=incident.pk).status, AuditEvent.objects.count())
    page = desk.post(f"/incidents/{incident.pk}/", {"action": "respond", "note": ""})
    assert page.status_code == 409 and "closed" in page.content.decode() and "verified" in page.content.decode()
    assert (Incident.objects.get(pk=incident.pk).status, AuditEvent.objects.count()) == before


def test_pages_offer_the_steps_the_table_allows_the_role(incident, user, client_as):
    page = client_as("zhiban").get(f"/incidents/{incident.pk}/")
    assert [name for name, _label, _text in page.context["buttons"]] == ["verify", "close"]
    report = services.do_draft_report(user("zhiban"), incident, "initial")
    names = lambda who: [n for n, _l, _t in client_as(who).get(f"/incidents/reports/{report.pk}/").context["buttons"]]
    assert names("zhihui") == ["submit"] and names("zhiban") == ["submit"]  # the writer sends it for signature
    services.do_submit_report(user("zhiban"), report)
    assert names("zhihui") == ["sign", "send_back"] and names("zhiban") == []  # county reports: the commander signs


def test_report_sent_only_to_the_console_shows_not_sent(incident, user, settings, client_as):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    report = _signed_initial(incident, user)
    services.do_send_report(user("zhiban"), report)
    assert deliver_due() == 0
    assert set(messages_for(report).values_list("state", flat=True)) == {"unconfigured"}
    page = client_as("zhiban").get(f"/incidents/reports/{report.pk}/").content.decode()
    assert "未发送（未配置邮件服务器）" in page and "mail-unconfigured" in page
    assert "未发送（未配置邮件服务器）" in client_as("zhiban").get(f"/incidents/{incident.pk}/").content.decode()
