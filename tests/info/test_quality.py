"""A8 wired into the chapter: quality checks on the submission page and in the queue, 生成摘要, scoped files."""

from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from countydesk.info.models import Submission
from countydesk.info.services.submissions import do_add_attachment

from .conftest import CST

pytestmark = pytest.mark.django_db

STALE = "据镇统计站统计，2025年全镇粮食总产量达3.5万吨，比上年增长5%。"


def _submitted(make_draft, advance, user, username="chengguan_xxy", **extra):
    draft = make_draft(username, **extra)
    advance(draft["id"], "unit_signoff") if username == "chengguan_xxy" else None
    return Submission.objects.get(pk=draft["id"])


def test_a_march_report_with_last_years_figures_is_flagged(make_draft, advance, user, client_as):
    march = datetime(2026, 3, 20, 9, 0, tzinfo=CST).isoformat()
    item = _submitted(make_draft, advance, user, body=STALE, event_at=march, collected_at=march, written_at=march)
    Submission.objects.filter(pk=item.pk).update(submitted_at=datetime(2026, 3, 20, 15, 0, tzinfo=CST))
    page = client_as("xinxike").get(f"/info/submissions/{item.pk}/").content.decode()
    assert "质量检查" in page and "2025年" in page and 'class="warn"' in page
    queue = client_as("xinxike").get("/info/?format=xlsx&per_page=500")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(queue.content)).active.iter_rows(values_only=True))
    flagged = {r[0] for r in rows[1:] if r[-1]}
    assert item.title in flagged


def test_a_repeat_from_another_unit_is_named_as_a_near_duplicate(make_draft, advance, user, client_as):
    text = "青山镇组织开展森林防火专项检查，共检查林区12处，排查火灾隐患5处，已全部整改到位，发放宣传资料3000份。"
    first = _submitted(make_draft, advance, user, title="青山镇开展森林防火检查", body=text)
    second = make_draft("fgj_xxy", title="森林防火检查工作", body=text.replace("3000", "3200"))
    # a draft of another unit is not visible to the county section: its own officer sees the warning
    page = client_as("fgj_xxy").get(f"/info/submissions/{second['id']}/").content.decode()
    assert first.title in page


def test_the_editor_offers_a_summary(client_as):
    page = client_as("chengguan_xxy").get("/info/submissions/new/").content.decode()
    assert 'data-summarize="id_body"' in page and "summarize.js" in page


def test_attachments_are_served_only_within_scope(make_draft, user, client_as):
    draft = Submission.objects.get(pk=make_draft()["id"])
    attachment = do_add_attachment(user("chengguan_xxy"), draft, SimpleUploadedFile("附件.pdf", b"%PDF-1.4 test"))
    url = f"/info/submissions/{draft.pk}/attachments/{attachment.pk}/"
    own = client_as("chengguan_xxy").get(url)
    assert own.status_code == 200 and b"".join(own.streaming_content) == b"%PDF-1.4 test"
    assert client_as("qingshan_xxy").get(url).status_code == 404
