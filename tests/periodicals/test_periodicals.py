import threading
from io import BytesIO

import pytest
from django.db import connection
from docx import Document
from docx.shared import Pt

from countydesk.audit.models import AuditEvent
from countydesk.base.errors import Forbidden, TransitionNotAllowed, ValidationFailed
from countydesk.periodicals import services
from countydesk.periodicals.document import issue_docx
from countydesk.core.outbox.delivery import deliver_due
from countydesk.core.outbox.queries import messages_for
from countydesk.periodicals.models import Issue, Periodical

from ..conftest import free_port

pytestmark = pytest.mark.django_db


def _issue(user, n_items=2, periodical="政务信息快报"):
    issue = services.do_create_issue(user("xinxike"), Periodical.objects.get(name=periodical))
    for i in range(n_items):
        services.do_add_item(user("xinxike"), issue, title=f"稿件{i}", body=f"第一段{i}。\n第二段{i}。", writer="王伟")
    return issue


def test_numbers_follow_sign_off_without_gaps(user):
    kuaibao = Periodical.objects.get(name="政务信息快报")
    taken = set(Issue.objects.filter(periodical=kuaibao, number__isnull=False).values_list("number", flat=True))
    first, abandoned, second = _issue(user), _issue(user), _issue(user)
    for issue in (first, second):
        services.do_submit(user("xinxike"), issue)
    services.do_return(user("lingdao"), first, "请补充数据")
    services.do_submit(user("xinxike"), first)
    second = services.do_sign(user("lingdao"), second)
    first = services.do_sign(user("lingdao"), first)
    assert (second.number, first.number) == (max(taken) + 1, max(taken) + 2)
    assert Issue.objects.get(pk=abandoned.pk).number is None


def test_wrong_steps_are_refused_with_the_allowed_states(user, api_as):
    issue = _issue(user)
    with pytest.raises(TransitionNotAllowed) as refused:
        services.do_sign(user("lingdao"), issue)
    assert refused.value.allowed == ["pending"]
    response = api_as("lingdao").post(f"/api/periodicals/issues/{issue.pk}/sign")
    assert response.status_code == 409 and response.json()["fields"]["allowed"] == ["pending"]
    with pytest.raises(ValidationFailed):
        services.do_submit(user("xinxike"), _issue(user, n_items=0))


def test_roles(user, api_as):
    kuaibao = Periodical.objects.get(name="政务信息快报")
    with pytest.raises(Forbidden):
        services.do_create_issue(user("chengguan_xxy"), kuaibao)
    issue = _issue(user)
    services.do_submit(user("xinxike"), issue)
    with pytest.raises(Forbidden):
        services.do_sign(user("xinxike"), issue)
    officer = api_as("chengguan_xxy")
    assert officer.get(f"/api/periodicals/issues?per_page=100").json()["count"] == Issue.objects.filter(
        status="published").count()
    assert officer.post(f"/api/periodicals/issues/{issue.pk}/sign").status_code == 404
    assert api_as("lingdao").post(f"/api/periodicals/issues/{issue.pk}/sign").json()["number"] > 0


def test_docx_follows_the_gb_t_9704_layout(user):
    issue = _issue(user)
    services.do_submit(user("xinxike"), issue)
    issue = services.do_sign(user("lingdao"), issue)
    doc = Document(BytesIO(issue_docx(issue)))
    section = doc.sections[0]
    mm = [round(x.mm) for x in (section.page_width, section.page_height, section.top_margin, section.bottom_margin,
                                 section.left_margin, section.right_margin)]
    assert mm == [210, 297, 37, 35, 28, 26]
    grid = section._sectPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docGrid")
    assert grid.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}linePitch") == "580"  # 225 mm / 22 lines = 28.99 pt
    masthead = doc.paragraphs[0].runs[0]
    assert masthead.text == "政务信息快报" and str(masthead.font.color.rgb) == "E60012"
    assert doc.paragraphs[1].text == issue.label
    titles = [p for p in doc.paragraphs if p.text == "稿件0"]
    assert titles and titles[0].runs[0].font.size == Pt(22) and titles[0].runs[0].font.name == "方正小标宋简体"
    body = next(p for p in doc.paragraphs if p.text == "第一段0。")
    assert body.runs[0].font.size == Pt(16) and body.runs[0].font.name == "仿宋_GB2312"
    assert "PAGE" in section.footer.paragraphs[0]._p.xml


def test_sent_out_by_e_mail_to_a_real_smtp_server(user, smtp, immediate_queue, django_capture_on_commit_callbacks):
    issue = _issue(user)
    services.do_submit(user("xinxike"), issue)
    issue = services.do_sign(user("lingdao"), issue)
    with django_capture_on_commit_callbacks(execute=True):
        deliveries = services.do_publish(user("xinxike"), issue)
    email = messages_for(issue).get(channel="email")
    assert (email.state, email.attempts) == ("sent", 1) and email.sent_at is not None
    message = smtp.messages[0]
    assert message["To"] == "xinxi@city.example.gov.cn" and message["Message-ID"] == email.message_id
    attachment = [p for p in message.walk() if p.get_filename()][0]
    assert attachment.get_filename().endswith(".docx")
    assert Document(BytesIO(attachment.get_payload(decode=True))).paragraphs[0].text == "政务信息快报"
    fax = messages_for(issue).get(channel="fax")
    assert fax.state == "pending" and len(deliveries) == 2
    assert deliver_due() == 0  # a fax is sent by hand, never by the worker
    services.do_record_fax(user("xinxike"), fax, True)
    assert messages_for(issue).get(pk=fax.pk).state == "sent"


def test_failed_e_mail_is_retried_and_recorded(user, settings, immediate_queue, django_capture_on_commit_callbacks):
    dead_port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", dead_port, 2
    issue = _issue(user)
    services.do_submit(user("xinxike"), issue)
    issue = services.do_sign(user("lingdao"), issue)
    with django_capture_on_commit_callbacks(execute=True):
        services.do_publish(user("xinxike"), issue)
    email = messages_for(issue).get(channel="email")
    assert (email.state, email.attempts) == ("retrying", 1) and email.last_error  # the worker will retry it
    settings.OUTBOX_MAX_ATTEMPTS = 4
    for _ in range(3):  # what the worker's sweep does each time the retry is due
        email.refresh_from_db()
        assert deliver_due(email.next_attempt_at) == 0
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("dead", 4)
    failed = AuditEvent.objects.filter(action__in=["outbox.attempt_failed", "outbox.dead"], object_id=str(email.pk))
    assert failed.count() == 4


def test_pages_word_download_and_print(user, client_as):
    issue = Issue.objects.filter(status="signed").first()
    client = client_as("xinxike")
    assert "政务信息快报" in client.get("/periodicals/").content.decode()
    page = client.get(f"/periodicals/{issue.pk}/").content.decode()
    assert issue.label in page and "Word" in page
    docx = client.get(f"/periodicals/{issue.pk}/docx/")
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "data-print-on-load" in client.get(f"/periodicals/{issue.pk}/print/").content.decode()
    assert client_as("chengguan_xxy").get(f"/periodicals/{issue.pk}/").status_code == 404


@pytest.mark.skipif("connection.vendor != 'postgresql'",
                    reason="SQLite serialises writers with IMMEDIATE transactions; the race needs a server database")
def test_two_leaders_signing_at_once_take_different_numbers(demo_transactional_db, user):
    issues = [_issue(user) for _ in range(6)]
    for issue in issues:
        services.do_submit(user("xinxike"), issue)
    leader = user("lingdao")
    errors = []

    def sign(issue):
        try:
            services.do_sign(leader, issue)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(i,)) for i in issues]
    [t.start() for t in threads]
    [t.join() for t in threads]
    numbers = sorted(Issue.objects.filter(pk__in=[i.pk for i in issues]).values_list("number", flat=True))
    assert errors == [] and numbers == list(range(numbers[0], numbers[0] + 6))


def test_signed_articles_become_searchable(user):
    from countydesk.search.services import search

    issue = services.do_create_issue(user("xinxike"), Periodical.objects.get(name="每日要情"))
    services.do_add_item(user("xinxike"), issue, title="龙潭乡抢修水毁道路", body="龙潭乡连夜抢修水毁道路3公里。")
    assert not search(user("xinxike"), "水毁道路", kinds=["issue_item"])
    services.do_submit(user("xinxike"), issue)
    services.do_sign(user("lingdao"), issue)
    hits = search(user("xinxike"), "水毁道路", kinds=["issue_item"])
    assert len(hits) == 1 and "龙潭乡抢修水毁道路" in hits[0].title


def test_a_stale_sign_button_answers_the_readable_409_page_and_changes_nothing(user, client_as):
    from countydesk.audit.models import AuditEvent

    issue = _issue(user)
    leader = client_as("lingdao")
    before = (Issue.objects.get(pk=issue.pk).status, AuditEvent.objects.count())
    page = leader.post(f"/periodicals/{issue.pk}/", {"action": "sign"})
    assert page.status_code == 409 and "pending" in page.content.decode()
    assert (Issue.objects.get(pk=issue.pk).status, AuditEvent.objects.count()) == before


def test_buttons_follow_the_table_per_role(user, client_as):
    issue = _issue(user)
    names = lambda who: [n for n, _l, _t in client_as(who).get(f"/periodicals/{issue.pk}/").context["buttons"]]
    assert names("xinxike") == ["submit"] and names("lingdao") == []
    services.do_submit(user("xinxike"), issue)
    assert names("lingdao") == ["sign", "return"] and names("xinxike") == []
