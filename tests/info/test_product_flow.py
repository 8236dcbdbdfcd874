"""Issue 3's path in one test: a submission is accepted, compiled into a periodical issue in the browser,
signed off, e-mailed as a .docx, and the ranking counts its adoption."""

from datetime import date
from io import BytesIO

import pytest
from docx import Document

from countydesk.info.models import Adoption, Submission
from countydesk.info.services import ranking
from countydesk.info.api import reporting_units
from countydesk.periodicals.models import Issue, Periodical


pytestmark = pytest.mark.django_db


def test_accepted_item_to_signed_product_to_ranking(make_draft, advance, client_as, api_as,
                                                      django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core import mail

    item = make_draft(title="城关镇建成智慧社区服务平台", body="城关镇建成智慧社区服务平台，覆盖居民1.2万户。")
    advance(item["id"], "accept")
    editor, leader = client_as("xinxike"), client_as("lingdao")
    periodical = Periodical.objects.get(name="政务信息快报")
    editor.post("/periodicals/", {"periodical": periodical.pk})
    issue = Issue.objects.filter(periodical=periodical, status="draft").latest("pk")
    page = editor.get(f"/periodicals/{issue.pk}/").content.decode()
    assert "城关镇建成智慧社区服务平台" in page  # offered for compiling
    editor.post(f"/periodicals/{issue.pk}/", {"action": "compile", "source": [item["id"]]})
    assert issue.items.get().source_id == str(item["id"])
    editor.post(f"/periodicals/{issue.pk}/", {"action": "submit"})
    leader.post(f"/periodicals/{issue.pk}/", {"action": "sign"})
    issue.refresh_from_db()
    assert issue.status == "signed" and issue.number
    adoption = Adoption.objects.get(submission_id=item["id"])
    assert adoption.rule.code == "county-zhengwu" and adoption.points == 10
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/periodicals/{issue.pk}/", {"action": "publish"})
    from countydesk.core.outbox.delivery import attempt  # what the worker runs for each message
    from countydesk.core.outbox.queries import messages_for

    email = messages_for(issue).get(channel="email")
    assert attempt(email.pk)
    sent = mail.outbox[-1]
    docx = Document(BytesIO(sent.attachments[0][1]))
    assert "城关镇建成智慧社区服务平台" in [p.text for p in docx.paragraphs]
    unit = Submission.objects.get(pk=item["id"]).unit
    rows = {r.unit_id: r for r in ranking(date(2026, 1, 1), date(2026, 12, 31), reporting_units())}
    assert rows[unit.pk].points >= 10 and rows[unit.pk].adopted >= 1
