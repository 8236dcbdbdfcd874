"""The outbox: written in the causing transaction, delivered by the worker, honest about what was sent."""

from datetime import timedelta
from io import BytesIO

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import transaction
from django.utils import timezone
from docx import Document

from countydesk.audit.models import AuditEvent
from countydesk.base.errors import Conflict, Forbidden
from countydesk.core.gbt9704 import DOCX_MIMETYPE, GovDocument, Text, to_docx
from countydesk.core.outbox.delivery import attempt, deliver_due
from countydesk.core.outbox.models import OutboxMessage
from countydesk.core.outbox.services import do_retry_message, enqueue
from countydesk.orgs.models import Unit

from ..conftest import free_port

pytestmark = pytest.mark.django_db
CONSOLE = "django.core.mail.backends.console.EmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def _queue(key="test:1", recipient="duty@city.example.gov.cn", **extra):
    with transaction.atomic():
        return enqueue("email", recipient, "值班报告", "正文", key=key, source=Unit.objects.first(), **extra)


def test_console_backend_is_not_sent_and_the_office_sees_a_banner(settings, client_as, capsys):
    settings.EMAIL_BACKEND = CONSOLE
    message = _queue()
    assert attempt(message.pk) is False
    message.refresh_from_db()
    assert (message.state, message.attempts, message.sent_at) == ("unconfigured", 0, None)
    page = client_as("zhiban").get("/").content.decode()
    assert 'class="flash warning mail-unconfigured"' in page
    assert "mail-unconfigured" not in client_as("chengguan_xxy").get("/").content.decode()  # not an office user
    settings.EMAIL_BACKEND = LOCMEM  # a real transport configured later: the waiting message goes out
    assert "mail-unconfigured" not in client_as("zhiban").get("/").content.decode()
    assert deliver_due(timezone.now() + timedelta(hours=1)) == 1
    message.refresh_from_db()
    assert message.state == "sent" and mail.outbox[-1].to == ["duty@city.example.gov.cn"]


def test_real_smtp_receives_the_message_and_its_attachment(smtp, immediate_queue, django_capture_on_commit_callbacks):
    doc = to_docx(GovDocument("报告", [Text("附件正文")]))
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue(attachments=[("报告.docx", doc, DOCX_MIMETYPE)])
        assert smtp.messages == []  # nothing leaves before the commit
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("sent", 1)
    received = smtp.messages[0]
    assert received["To"] == "duty@city.example.gov.cn" and received["Message-ID"] == message.message_id
    part = next(p for p in received.walk() if p.get_filename())
    assert part.get_filename() == "报告.docx"
    assert Document(BytesIO(part.get_payload(decode=True))).paragraphs[-1].text == "附件正文"


class Refusing:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 mailbox unavailable"


@pytest.fixture
def refusing_smtp(settings):
    controller = Controller(Refusing(), hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", controller.port, 5
    yield
    controller.stop()


def test_refused_mail_backs_off_then_is_dead_on_the_page_and_can_be_retried(refusing_smtp, settings, client_as, user):
    settings.OUTBOX_MAX_ATTEMPTS, settings.OUTBOX_BACKOFF_SECONDS = 3, 60
    message = _queue()
    start = timezone.now()
    waits = []
    for _ in range(3):
        assert deliver_due(start) == 0
        message.refresh_from_db()
        waits.append(round((message.next_attempt_at - start).total_seconds()))
        start = message.next_attempt_at
    assert waits == [120, 240, 480] and message.state == "dead" and "550" in message.last_error
    assert message.attempt_log.filter(ok=False).count() == 3
    assert deliver_due(start + timedelta(days=1)) == 0  # a dead message waits for a person
    office = client_as("yingjiban")
    listing = office.get("/core/outbox/?state=dead").content.decode()
    assert "值班报告" in listing and "550" in listing
    assert office.get("/core/outbox/?state=dead&format=xlsx")["Content-Type"].startswith("application/vnd.openxml")
    detail = office.get(f"/core/outbox/{message.pk}/").content.decode()
    assert 'value="retry"' in detail
    assert client_as("chengguan_xxy").get(f"/core/outbox/{message.pk}/").status_code == 404
    with pytest.raises(Forbidden):
        do_retry_message(user("chengguan_xxy"), message)
    settings.EMAIL_BACKEND = LOCMEM  # the mail server is fixed; the office retries
    office.post(f"/core/outbox/{message.pk}/", {"action": "retry"})
    assert AuditEvent.objects.filter(action="outbox.retry", object_id=str(message.pk)).count() == 1
    assert deliver_due() == 1
    message.refresh_from_db()
    assert message.state == "sent" and message.attempts == 4
    with pytest.raises(Conflict):
        do_retry_message(user("yingjiban"), message)


def test_the_same_key_queues_one_message():
    first = _queue(key="report:42:a@example.gov.cn")
    again = _queue(key="report:42:a@example.gov.cn")
    assert again.pk == first.pk and OutboxMessage.objects.filter(key="report:42:a@example.gov.cn").count() == 1


def test_the_message_is_rolled_back_with_its_change():
    before = OutboxMessage.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue("email", "a@example.gov.cn", "主题", key="rolled-back")
        raise RuntimeError("the causing change failed")
    assert OutboxMessage.objects.count() == before


def test_unknown_channel_is_refused():
    with pytest.raises(ValueError), transaction.atomic():
        enqueue("pigeon", "a@example.gov.cn", "主题", key="pigeon")


def test_list_page_queries_are_pinned(client_as, django_assert_max_num_queries):
    for i in range(20):
        _queue(key=f"many:{i}")
    client = client_as("xinxike")
    with django_assert_max_num_queries(10):
        assert client.get("/core/outbox/").status_code == 200
