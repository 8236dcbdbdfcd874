"""Issue 3 in a real browser, as the demo's people: the 城关镇 information officer proposes a research topic, the
信息科 editor accepts it, puts it on the timetable and issues the commission; the officer writes the commissioned
piece and the unit leader submits it; the editor accepts it and compiles it into 政务信息快报; the office leader
signs the issue off; it goes out by e-mail (to a real SMTP server, through the Huey queue) as a GB/T 9704 .docx,
and the ranking, on the page and in its Excel export, counts the township's adoption."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from countydesk.demo.generator import DEMO_PASSWORD
from countydesk.info.models import ScoreRule
from countydesk.periodicals.models import Periodical

from .conftest import screenshot

pytestmark = pytest.mark.e2e

PERIODICAL = "政务信息快报"
TOWNSHIP = "城关镇"
TITLE = "城关镇夜间经济发展情况调研"
BODY = ("一、基本情况：11月，城关镇对全镇夜间经济开展专题调研，走访商户126家，夜间消费额同比增长18%。\n"
        "二、存在问题：停车位不足，部分街区油烟噪声扰民。\n三、对策建议：增设临时停车泊位，推行错时经营。")


@pytest.fixture
def people(browser, page, demo_live_server):
    """One signed-in browser window per person (the township officer uses the `page` fixture's)."""
    pages, contexts = {}, []

    def window(username):
        if username not in pages:
            if not pages:
                tab = page
            else:
                context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai",
                                              viewport={"width": 1280, "height": 900})
                contexts.append(context)
                tab = context.new_page()
                tab.set_default_timeout(30_000)
            tab.goto(f"{demo_live_server.url}/login/")
            tab.fill("input[name=username]", username)
            tab.fill("input[name=password]", DEMO_PASSWORD)
            tab.click("form button:has-text('登录')")
            tab.wait_for_url(f"{demo_live_server.url}/")
            pages[username] = tab
        return pages[username]

    yield window
    for context in contexts:
        context.close()


def _button(tab, name):
    return tab.get_by_role("button", name=name, exact=True)


def _press(tab, name, flash="已完成。"):
    """Click a form's button and wait for the page it leads to, showing the service's confirmation."""
    with tab.expect_navigation():
        _button(tab, name).click()
    expect(tab.locator("p.flash").filter(has_text=flash)).to_be_visible()


def _ranking(tab, base) -> tuple[int, int]:
    """The township's points and adopted items this month, from the ranking table (not the quota shortfalls')."""
    tab.goto(f"{base}/info/rankings/")
    table = tab.locator("table.list").filter(has=tab.get_by_role("columnheader", name="名次", exact=True))
    cells = table.locator("tbody tr").filter(has=tab.get_by_role("cell", name=TOWNSHIP, exact=True)).locator("td")
    return int(cells.nth(2).inner_text()), int(cells.nth(3).inner_text())


def test_topic_to_commissioned_piece_to_signed_product_by_e_mail_and_ranking(demo_live_server, people, smtp,
                                                                             immediate_queue):
    base = demo_live_server.url
    today = timezone.localdate()
    officer, leader_unit, editor, leader = (people(n) for n in ("chengguan_xxy", "chengguan_ld", "xinxike", "lingdao"))
    points_before, adopted_before = _ranking(editor, base)

    # The township officer proposes a topic for next January.
    officer.goto(f"{base}/info/topics/")
    officer.get_by_text("申报调研题目").click()
    officer.fill("#id_title", TITLE)
    officer.fill("#id_outline", "一、现状\n二、问题\n三、建议")
    officer.fill("#id_intended_month", f"{today.year + 1}-01-01")
    _press(officer, "申报", flash="题目已申报。")

    # The editor screens it, puts it on the timetable and issues the commission notice.
    editor.goto(f"{base}/info/topics/?status=proposed")
    editor.get_by_role("link", name=TITLE).click()
    _press(editor, "采用")
    editor.fill("input[name=due]", (today + timedelta(days=20)).isoformat())
    _press(editor, "列入时间表")
    editor.fill("textarea[name=requirements]", "围绕提纲深入调研，数据准确，篇幅3000字以内。")
    editor.fill("input[name=deadline]", (today + timedelta(days=20)).isoformat())
    _press(editor, "发出约稿通知单")
    number = editor.get_by_role("link", name=re.compile(r"^约稿〔\d{4}〕\d+号$")).inner_text()

    # The officer finds the notice, writes the piece for it and sends it to the unit leader.
    officer.goto(f"{base}/info/commissions/")
    officer.get_by_role("link", name=number, exact=True).click()
    expect(officer.locator("article.notice")).to_contain_text(TITLE)
    officer.get_by_role("link", name="撰写约稿稿件").click()
    expect(officer.locator("#id_title")).to_have_value(TITLE)
    officer.fill("#id_body", BODY)
    _press(officer, "保存", flash="已保存。")
    expect(officer.get_by_role("link", name=number, exact=True)).to_be_visible()
    _press(officer, "提交单位审核")
    submission_url = officer.url

    # The unit leader signs it off and submits it; the editor accepts it.
    leader_unit.goto(f"{base}/info/?status=pending_unit")
    leader_unit.get_by_role("link", name=TITLE).click()
    _press(leader_unit, "单位审核并报送")
    editor.goto(f"{base}/info/?status=submitted")
    editor.get_by_role("link", name=TITLE).click()
    editor.wait_for_url(submission_url)
    _press(editor, "采用")

    # The editor compiles an issue of 政务信息快报 with it and sends it for sign-off.
    editor.goto(f"{base}/periodicals/")
    editor.select_option("select[name=periodical]", label=PERIODICAL)
    _press(editor, "新建一期")
    editor.get_by_role("checkbox", name=TITLE).check()
    _press(editor, "编入所选稿件")
    expect(editor.locator("ol.articles h2")).to_have_text([TITLE])
    _press(editor, "提交审签")
    issue_url = editor.url

    # The office leader signs it off: it takes the next number of the year.
    leader.goto(f"{base}/periodicals/")
    leader.locator(f"a[href='{issue_url.removeprefix(base)}']").click()
    _press(leader, "审签")
    label = re.search(r"\d{4}年第\d+期", leader.locator("h1").inner_text())[0]

    # The editor sends it out to the distribution list; the e-mail goes through the queue.
    editor.goto(issue_url)
    expect(editor.locator("p.recipients")).to_contain_text("xinxi@city.example.gov.cn")
    _press(editor, "报送")
    email_row = editor.locator("table.list tbody tr").filter(has_text="市政府办公室信息科")
    expect(email_row).to_contain_text("已发送")
    screenshot(editor, "info-flow-issue-sent")

    assert len(smtp.messages) == 1, [m["To"] for m in smtp.messages]
    message = smtp.messages[0]
    assert message["To"] == "xinxi@city.example.gov.cn" and label in message["Subject"]
    attachment = next(p for p in message.walk() if p.get_filename())
    assert attachment.get_filename().endswith(".docx")
    doc = Document(BytesIO(attachment.get_payload(decode=True)))
    section = doc.sections[0]
    assert [round(x.mm) for x in (section.page_width, section.page_height, section.top_margin, section.bottom_margin,
                                  section.left_margin, section.right_margin)] == [210, 297, 37, 35, 28, 26]
    paragraphs = {p.text: p for p in doc.paragraphs}
    assert doc.paragraphs[0].text == PERIODICAL and doc.paragraphs[1].text == label  # masthead, issue number
    title = paragraphs[TITLE].runs[0].font
    assert (title.name, title.size.pt) == ("方正小标宋简体", 22)
    body = paragraphs["二、存在问题：停车位不足，部分街区油烟噪声扰民。"].runs[0].font
    assert (body.name, body.size.pt) == ("仿宋_GB2312", 16)

    # The ranking counts the township's piece: the periodical's adoption points from the rule table.
    points = ScoreRule.objects.get(code=Periodical.objects.get(name=PERIODICAL).score_code).points
    assert _ranking(editor, base) == (points_before + points, adopted_before + 1)
    with editor.expect_download() as download:
        editor.get_by_role("link", name="导出Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as fh:
        sheet = load_workbook(BytesIO(fh.read())).active
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header[1:4] == ["单位", "得分", "采用条数"]
    row = next(r for r in rows if r[1] == TOWNSHIP)
    assert (row[2], row[3]) == (points_before + points, adopted_before + 1)
