"""Guidance, topics, the timetable, commissions, reminders and the overdue list (A1, A2)."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from countydesk.audit.models import AuditEvent
from countydesk.info.models import Commission, Guidance, Reminder, Submission, Topic
from countydesk.info.services import send_reminders
from countydesk.info.tasks import remind_commissions
from countydesk.accounts.system import SYSTEM
from countydesk.orgs.models import Person

from .conftest import call

pytestmark = pytest.mark.django_db


def test_demo_guidance_has_themes_and_tags(api_as):
    guidance = api_as("chengguan_xxy").get("/api/info/guidance").json()
    assert guidance[0]["title"] == "2026年度全县政府系统政务信息报送要点"
    assert 6 <= len(guidance[0]["themes"]) <= 10
    assert Submission.objects.filter(theme__isnull=False).count() >= 50


def test_only_the_information_section_issues_guidance(api_as):
    body = {"year": 2027, "title": "2027年度全县政府系统政务信息报送要点", "themes": ["稳增长", "惠民生"]}
    assert call(api_as("chengguan_xxy"), "post", "/api/info/guidance", body).status_code == 403
    response = call(api_as("xinxike"), "post", "/api/info/guidance", body)
    assert response.status_code == 201 and [t["number"] for t in response.json()["themes"]] == [1, 2]
    assert call(api_as("xinxike"), "post", "/api/info/guidance", body).status_code == 422  # one per year


def _propose(api, **extra):
    body = {"title": "城关镇夜间经济发展调研", "outline": "一、现状\n二、问题\n三、建议", "intended_month": "2026-12-15"}
    return call(api, "post", "/api/info/topics", body | extra)


def test_topic_from_proposal_to_commission(api_as, user):
    officer, editor = api_as("chengguan_xxy"), api_as("xinxike")
    topic = _propose(officer).json()
    assert topic["status"] == "proposed" and topic["intended_month"] == "2026-12-01"
    assert topic["unit_id"] == user("chengguan_xxy").unit_id
    pk = topic["id"]
    assert call(officer, "post", f"/api/info/topics/{pk}/accept").status_code == 403
    assert call(editor, "post", f"/api/info/topics/{pk}/schedule").status_code == 409
    assert call(editor, "post", f"/api/info/topics/{pk}/accept").json()["status"] == "accepted"
    scheduled = call(editor, "post", f"/api/info/topics/{pk}/schedule", {"due": "2026-12-25"}).json()
    assert scheduled["status"] == "scheduled" and scheduled["due"] == "2026-12-25"
    assert scheduled["sequence"] > Topic.objects.exclude(pk=pk).filter(intended_month__year=2026).count() - 10
    # an earlier scheduled topic (青山镇 in the demo) must be commissioned first
    response = call(editor, "post", f"/api/info/topics/{pk}/commission", {"requirements": "3000字以内"})
    assert response.status_code == 409
    earlier = Topic.objects.get(status="scheduled", title__startswith="山区")
    assert call(editor, "post", f"/api/info/topics/{earlier.pk}/commission",
                {"requirements": "按提纲撰写"}).status_code == 201
    commission = call(editor, "post", f"/api/info/topics/{pk}/commission", {"requirements": "3000字以内"})
    assert commission.status_code == 201
    assert commission.json()["deadline"] == "2026-12-25" and commission.json()["number"].startswith("约稿〔")
    assert call(editor, "post", f"/api/info/topics/{pk}/commission", {"requirements": "再来"}).json()[
        "fields"]["allowed"] == []


def test_reject_needs_a_reason_and_is_final(api_as):
    editor = api_as("xinxike")
    pk = _propose(api_as("chengguan_xxy")).json()["id"]
    assert call(editor, "post", f"/api/info/topics/{pk}/reject", {"reason": ""}).status_code == 422
    assert call(editor, "post", f"/api/info/topics/{pk}/reject", {"reason": "重复选题"}).json()["status"] == "rejected"
    assert call(editor, "post", f"/api/info/topics/{pk}/accept").status_code == 409


def test_topics_are_scoped(api_as):
    pk = _propose(api_as("chengguan_xxy")).json()["id"]
    ids = {t["id"] for t in api_as("qingshan_xxy").get("/api/info/topics?per_page=500").json()["items"]}
    assert pk not in ids
    assert call(api_as("qingshan_xxy"), "post", f"/api/info/topics/{pk}/accept").status_code == 404
    other_unit = Topic.objects.exclude(unit__name="城关镇").first().unit_id
    assert _propose(api_as("chengguan_xxy"), unit_id=other_unit).status_code == 403


def test_linking_a_draft_to_a_commission_does_not_fulfil_it(api_as, make_draft):
    commission = Commission.objects.get(status="issued", deadline=date(2026, 11, 10))  # 城关镇, overdue
    officer = api_as("chengguan_xxy")
    other = Submission.objects.exclude(unit=commission.unit).exclude(status="draft").first()
    response = call(officer, "post", f"/api/info/commissions/{commission.pk}/link", {"submission_id": other.pk})
    assert response.status_code == 422
    draft = make_draft()
    response = call(officer, "post", f"/api/info/commissions/{commission.pk}/link", {"submission_id": draft["id"]})
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["fulfilled_at"]) == ("issued", None)
    commission.refresh_from_db()
    assert commission.submission_id == draft["id"] and commission.late
    assert call(officer, "post", f"/api/info/commissions/{commission.pk}/fulfil",  # the former name of /link
                {"submission_id": draft["id"]}).status_code == 409
    assert call(api_as("qingshan_xxy"), "post", f"/api/info/commissions/{commission.pk}/cancel").status_code == 404


def test_overdue_list(api_as):
    overdue = api_as("xinxike").get("/api/info/commissions?overdue=true").json()["items"]
    today = timezone.localdate().isoformat()
    assert "2026-11-10" in [c["deadline"] for c in overdue]
    assert all(c["status"] == "issued" and c["deadline"] < today for c in overdue)


def test_reminders_go_once_a_day_by_mail_to_the_units_officers(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    commission = Commission.objects.get(status="issued", deadline=date(2026, 11, 30))
    officers = Person.objects.filter(unit=commission.unit, posts__kind__startswith="info_officer")
    officers.update(email="xxy@example.gov.cn")
    audit = AuditEvent.objects.count()
    sent = send_reminders(SYSTEM, today=commission.deadline - timedelta(days=2))
    mine = [r for r in sent if r.commission_id == commission.pk]
    assert len(mine) == 1 and not mine[0].overdue and mine[0].recipients == "xxy@example.gov.cn"
    assert AuditEvent.objects.count() == audit + len(sent)
    from countydesk.core.outbox.delivery import deliver_due  # the worker, after the reminders' commit

    deliver_due()
    assert any(m.to == ["xxy@example.gov.cn"] and commission.topic.title in m.subject for m in mail.outbox)
    assert send_reminders(SYSTEM, today=commission.deadline - timedelta(days=2)) == []
    early = send_reminders(SYSTEM, today=commission.deadline - timedelta(days=20))
    assert commission.pk not in {r.commission_id for r in early}
    late = send_reminders(SYSTEM, today=commission.deadline + timedelta(days=1))
    assert [r.overdue for r in late if r.commission_id == commission.pk] == [True]


def test_the_periodic_task_runs_the_reminders():
    before = Reminder.objects.count()
    remind_commissions.call_local()
    assert Reminder.objects.count() > before


def test_commission_notice_prints(client_as):
    commission = Commission.objects.first()
    page = client_as("xinxike").get(f"/info/commissions/{commission.pk}/").content.decode()
    assert "约稿通知单" in page and commission.topic.title in page and "data-print" in page


def test_guidance_is_unique_per_year():
    assert Guidance.objects.filter(year=2026).count() == 1
