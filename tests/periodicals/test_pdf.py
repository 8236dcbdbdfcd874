"""An issue as PDF beside its .docx (A5): the download, the same layout read back, the distribution record
naming the county's office, the PDF in the outgoing mail, and a missing font refused clearly."""

from io import BytesIO
from urllib.parse import quote

import pytest
from django.utils import timezone
from docx import Document

from countydesk.audit.models import AuditEvent
from countydesk.base.errors import Unavailable
from countydesk.core.gbt9704 import layout
from countydesk.core.outbox.models import OutboxMessage
from countydesk.core.outbox.queries import messages_for
from countydesk.orgs.models import signing_name
from countydesk.periodicals import services
from countydesk.periodicals.document import issue_docx
from countydesk.periodicals.models import DistributionList, Issue, Periodical

from ..pdf_reading import embedded_fonts, read

pytestmark = pytest.mark.django_db


def _signed(user, title="城关镇推进老旧小区改造", body="城关镇今年完成老旧小区改造12个。\n惠及居民3000余户。"):
    issue = services.do_create_issue(user("xinxike"), Periodical.objects.get(name="政务信息快报"))
    services.do_add_item(user("xinxike"), issue, title=title, body=body, writer="王伟")
    services.do_submit(user("xinxike"), issue)
    return services.do_sign(user("lingdao"), issue)


def test_the_issue_page_offers_the_pdf_in_the_same_layout(user, client_as):
    issue = _signed(user)
    client = client_as("xinxike")
    assert f'href="/periodicals/{issue.pk}/pdf/"' in client.get(f"/periodicals/{issue.pk}/").content.decode()
    response = client.get(f"/periodicals/{issue.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert quote(f"{issue.periodical.name}{issue.label}.pdf") in response["Content-Disposition"]
    pages = read(response.content)
    assert all((round(p.width), round(p.height)) == (210, 297) for p in pages)
    text = "".join(p.text() for p in pages)
    for expected in ("政务信息快报", issue.label, "云溪县人民政府办公室", "城关镇推进老旧小区改造",
                     "城关镇今年完成老旧小区改造12个。", "惠及居民3000余户。", "（王伟）"):
        assert expected in text, expected
    sizes = {round(c.size) for c in pages[0].chars}
    assert {42, 22, 16, 14} <= sizes  # masthead, title, text, page number
    assert set(embedded_fonts(response.content).values()) == {"FontFile2"}


def test_the_issue_ends_with_its_distribution_record(user, client_as):
    kuaibao = Periodical.objects.get(name="政务信息快报")
    DistributionList.objects.create(periodical=kuaibao, name="县人大常委会办公室", address="rd@example.gov.cn")
    issue = _signed(user)
    day = timezone.localtime(issue.signed_at).date()
    issued = f"{day.year}年{day.month}月{day.day}日印发"
    last = read(client_as("xinxike").get(f"/periodicals/{issue.pk}/pdf/").content)[-1]
    record = [text for top, text, _left in last.lines(size=14) if top < layout.TOP + layout.TEXT_HEIGHT]
    assert record == ["报：市政府办公室信息科。", "送：县人大常委会办公室，县委办公室。", f"云溪县人民政府办公室{issued}"]
    paragraphs = [p.text for p in Document(BytesIO(issue_docx(issue))).paragraphs]
    assert paragraphs[-3:] == ["报：市政府办公室信息科。", "送：县人大常委会办公室，县委办公室。",
                               f"云溪县人民政府办公室\t{issued}"]
    assert paragraphs[2].startswith("云溪县人民政府办公室\t")  # the county in the issuer under the masthead


def test_the_issuer_is_named_with_the_county():
    assert signing_name("县人民政府办公室") == "云溪县人民政府办公室"
    assert signing_name("云溪县人民政府办公室") == "云溪县人民政府办公室"
    assert signing_name("市政府办公室") == "市政府办公室"  # another level's office is not ours to complete


def test_the_mail_carries_the_pdf_beside_the_docx(user, smtp, immediate_queue, django_capture_on_commit_callbacks):
    issue = _signed(user, title="县水利局全力做好汛前准备")
    with django_capture_on_commit_callbacks(execute=True):
        services.do_publish(user("xinxike"), issue)
    parts = {p.get_filename(): p.get_payload(decode=True) for p in smtp.messages[0].walk() if p.get_filename()}
    stem = f"{issue.periodical.name}{issue.label}"
    assert set(parts) == {f"{stem}.docx", f"{stem}.pdf"}
    assert "县水利局全力做好汛前准备" in "".join(p.text() for p in read(parts[f"{stem}.pdf"]))
    fax = messages_for(issue).get(channel="fax")  # the fax clerk has both files too
    assert sorted(a.filename for a in fax.attachments.all()) == [f"{stem}.docx", f"{stem}.pdf"]


def test_without_the_font_the_issue_is_not_sent_and_the_reader_is_told(user, client_as, settings, tmp_path):
    issue = _signed(user)
    settings.GBT9704_FONT_DIRS = [str(tmp_path)]
    client = client_as("xinxike")
    messages, events = OutboxMessage.objects.count(), AuditEvent.objects.count()
    with pytest.raises(Unavailable):
        services.do_publish(user("xinxike"), issue)
    page = client.post(f"/periodicals/{issue.pk}/", {"action": "publish"}, follow=True).content.decode()
    assert "Noto Serif CJK SC" in page and "fonts-noto-cjk" in page and "字体" in page
    assert Issue.objects.get(pk=issue.pk).status == "signed"
    assert (OutboxMessage.objects.count(), AuditEvent.objects.count()) == (messages, events)
    response = client.get(f"/periodicals/{issue.pk}/pdf/")
    assert response.status_code == 503 and "fonts-noto-cjk" in response.content.decode()


def test_an_unpublished_issue_s_pdf_is_out_of_a_township_s_reach(user, client_as):
    issue = _signed(user)
    assert client_as("chengguan_xxy").get(f"/periodicals/{issue.pk}/pdf/").status_code == 404


def test_the_print_view_follows_the_layout_and_ends_with_the_record(user, client_as):
    issue = _signed(user)
    page = client_as("xinxike").get(f"/periodicals/{issue.pk}/print/").content.decode()
    assert "margin:37mm 26mm 35mm 28mm" in page and "line-height:10.227mm" in page
    assert "<div>报：市政府办公室信息科。</div>" in page and "印发</span>" in page
    assert "<span>云溪县人民政府办公室</span>" in page
