import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from countydesk.accounts.system import SYSTEM
from countydesk.audit.models import AuditEvent
from countydesk.base.errors import Forbidden, ValidationFailed
from countydesk.news import rules, services
from countydesk.news.models import NewsFeed, NewsItem, NewsMatch
from countydesk.orgs.models import Unit

pytestmark = pytest.mark.django_db

RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>云溪日报</title>
<item><title>城关镇完成老旧小区改造</title><link>https://news.example/1</link>
<description>城关镇今年完成老旧小区改造12个，惠及居民3000户。</description><pubDate>Tue, 10 Nov 2026 08:00:00 +0800</pubDate></item>
<item><title>县发展和改革局推进重点项目建设</title><link>https://news.example/2</link>
<description>发展和改革局调度重点项目35个。</description><pubDate>Wed, 11 Nov 2026 08:00:00 +0800</pubDate></item>
</channel></rss>""".encode()


@pytest.fixture
def fake_submissions():
    """Stands in for the information chapter's submissions."""
    rows = []

    def source(unit_ids, start, end):
        return [r for r in rows if r[1] in unit_ids]

    services.register_submission_source(source)
    yield rows
    services.SUBMISSION_SOURCES.remove(source)


def test_rss_import_finds_mentioned_units_and_skips_repeats():
    result = services.do_import_items(SYSTEM, services.parse_feed(RSS))
    assert len(result.created) == 2 and result.duplicates == 0
    first = NewsItem.objects.get(link="https://news.example/1")
    assert [u.name for u in first.units.all()] == ["城关镇"]
    assert first.published == date(2026, 11, 10) and first.outlet == "云溪日报"
    second = NewsItem.objects.get(link="https://news.example/2")
    assert "县发展和改革局" in [u.name for u in second.units.all()]
    again = services.do_import_items(SYSTEM, services.parse_feed(RSS))
    assert again.created == [] and again.duplicates == 2


def test_missed_until_the_unit_reports_it(user, fake_submissions):
    chengguan = Unit.objects.get(name="城关镇")
    services.do_import_items(SYSTEM, services.parse_feed(RSS))
    missed = {(p.unit.name, p.newsitem.title) for p in services.missed(user("xinxike"))}
    assert ("城关镇", "城关镇完成老旧小区改造") in missed
    assert {p.unit.name for p in services.missed(user("chengguan_xxy"))} <= {"城关镇"} | set(
        chengguan.children.values_list("name", flat=True))
    assert not [p for p in services.missed(user("qingshan_xxy")) if p.unit_id == chengguan.pk]
    fake_submissions.append(("s1", chengguan.pk, "城关镇老旧小区改造工作取得实效", "今年完成老旧小区改造12个，惠及居民3000户。"))
    fake_submissions.append(("s2", chengguan.pk, "城关镇春耕", "完成早稻育秧"))
    assert services.rematch_recent(days=3650) >= 1
    match = NewsMatch.objects.get(unit=chengguan, item__link="https://news.example/1")
    assert match.submission_id == "s1"
    assert ("城关镇", "城关镇完成老旧小区改造") not in {(p.unit.name, p.newsitem.title) for p in services.missed(user("xinxike"))}


def _xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_spreadsheet_with_a_bad_row_imports_nothing():
    content = _xlsx([services.TABLE_COLUMNS,
                     ["青山镇开展防汛演练", "青山镇组织防汛演练", "电视", "云溪县电视台", "2026-06-01", ""],
                     ["", "没有标题", "报纸", "", "2026-06-02", ""],
                     ["桃源乡修路", "", "广播", "", "昨天", ""]])
    before = NewsItem.objects.count()
    with pytest.raises(ValidationFailed) as failure:
        services.read_upload(SimpleUploadedFile("news.xlsx", content))
    assert set(failure.value.fields) == {"row 3", "row 4"}
    assert NewsItem.objects.count() == before
    good = _xlsx([services.TABLE_COLUMNS, ["青山镇开展防汛演练", "青山镇组织防汛演练", "电视", "云溪县电视台", "2026-06-01", ""]])
    result = services.do_import_items(SYSTEM, services.read_upload(SimpleUploadedFile("news.xlsx", good)))
    assert NewsItem.objects.get(pk=result.created[0]).source == "television"


def test_only_the_information_section_imports(user):
    with pytest.raises(Forbidden):
        services.do_import_items(user("chengguan_xxy"), services.parse_feed(RSS))
    assert not NewsItem.objects.filter(link="https://news.example/1").exists()


def test_feed_is_fetched_over_http_and_failures_are_kept():
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200 if self.path == "/rss" else 404)
            self.end_headers()
            self.wfile.write(RSS if self.path == "/rss" else b"")

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        feed = services.do_add_feed(SYSTEM, "云溪日报", f"{base}/rss")
        assert len(services.fetch_feed(feed, SYSTEM).created) == 2
        broken = services.do_add_feed(SYSTEM, "坏源", f"{base}/missing")
        assert services.fetch_feed(broken, SYSTEM).created == []
        assert "404" in NewsFeed.objects.get(pk=broken.pk).last_error
    finally:
        server.shutdown()


def test_api_create_repeat_and_refusals(api_as):
    body = {"title": "白沙镇召开安全生产会议", "body": "白沙镇部署安全生产大检查。", "published": "2026-11-20", "source": "web"}
    editor = api_as("xinxike")
    assert editor.post("/api/news", body, content_type="application/json").status_code == 201
    assert editor.post("/api/news", body, content_type="application/json").status_code == 200
    officer = api_as("chengguan_xxy")
    before = AuditEvent.objects.count()
    assert officer.post("/api/news", body | {"title": "x"}, content_type="application/json").status_code == 403
    assert AuditEvent.objects.count() == before
    bad = editor.post("/api/news", body | {"published": "last week"}, content_type="application/json")
    assert bad.status_code == 422 and "published" in bad.json()["fields"]
    upload = editor.post("/api/news/import", {"file": BytesIO(b"not a feed")}, format="multipart")
    assert upload.status_code == 422


def test_missed_page_lists_exports_and_charts(client_as):
    services.do_import_items(SYSTEM, services.parse_feed(RSS))
    client = client_as("xinxike")
    page = client.get("/news/missed/").content.decode()
    assert "城关镇完成老旧小区改造" in page and "<svg" in page
    export = client.get("/news/missed/?format=xlsx")
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert ("城关镇", "城关镇完成老旧小区改造") in {(r[0], r[2]) for r in rows[1:]}
    assert client_as("chengguan_xxy").get("/news/import/").status_code == 403


def test_demo_has_news_with_units():
    assert NewsItem.objects.count() >= 20
    assert NewsItem.objects.filter(units__isnull=False).exists()


@pytest.mark.parametrize("url", ["/news/", "/news/missed/"])
def test_news_pages_query_counts_are_pinned(client_as, django_assert_max_num_queries, url):
    client = client_as("xinxike")
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_dashboard_window_of_missed_reports_is_the_rule_rows(user):
    from datetime import timedelta

    from django.test import RequestFactory
    from django.utils import timezone

    from countydesk.news.models import MatchRule
    from countydesk.news.views import missed_card

    request = RequestFactory().get("/")
    request.user = user("xinxike")
    assert missed_card(request)["since"] == timezone.localdate() - timedelta(days=90)
    MatchRule.objects.update(missed_window_days=10)
    assert missed_card(request)["since"] == timezone.localdate() - timedelta(days=10)


def _csv_upload(editor, content: bytes, name="news.csv"):
    return editor.post("/api/news/import", {"file": SimpleUploadedFile(name, content)})


def test_a_csv_field_over_the_csv_limit_is_422_in_the_error_shape(api_as):
    """The fuzzer's finding: a field over 128 KiB made csv raise, answered 500."""
    before = NewsItem.objects.count()
    big = ("标题,正文,来源,媒体,日期,链接\n青山镇简讯," + "长" * 140_000 + ",网络,,2026-11-01,\n").encode()
    answer = _csv_upload(api_as("xinxike"), big)
    assert answer.status_code == 422 and set(answer.json()) == {"error", "message", "fields"}
    assert "file" in answer.json()["fields"] and NewsItem.objects.count() == before
    unreadable = _csv_upload(api_as("xinxike"), b"\xff\xfe\x00\xd8 not text")
    assert unreadable.status_code == 422 and "file" in unreadable.json()["fields"]


def test_the_upload_limit_covers_posted_files(api_as, client_as):
    """A posted file above the feed limit is refused before it is read, in the API (413) and on the page."""
    before = NewsItem.objects.count()
    rows = "".join(f"新闻{n},{'正文' * 400},网络,,2026-11-01,https://news.example/limit/{n}\n" for n in range(2200))
    content = ("标题,正文,来源,媒体,日期,链接\n" + rows).encode()
    assert len(content) > rules.max_feed_bytes()
    answer = _csv_upload(api_as("xinxike"), content)
    assert answer.status_code == 413 and answer.json()["error"] == "too_large"
    page = client_as("xinxike").post("/news/import/", {"action": "upload", "file": SimpleUploadedFile("n.csv", content)},
                                     follow=True)
    assert "文件大于 5 MB" in page.content.decode()
    many = ("标题,正文,来源,媒体,日期,链接\n" + "".join(
        f"新闻{n},,网络,,2026-11-01,https://news.example/many/{n}\n" for n in range(rules.max_upload_items() + 1)))
    answer = _csv_upload(api_as("xinxike"), many.encode())
    assert answer.status_code == 422 and NewsItem.objects.count() == before


def test_a_large_file_is_stored_in_batches_each_with_its_audit_row(api_as, settings):
    settings.IMPORT_BATCH_ROWS = 4
    content = ("标题,正文,来源,媒体,日期,链接\n" + "".join(
        f"分批新闻{n},,网络,,2026-11-01,https://news.example/batch/{n}\n" for n in range(10))).encode()
    audits = AuditEvent.objects.filter(action="news.import").count()
    answer = _csv_upload(api_as("xinxike"), content)
    assert answer.status_code == 201 and len(answer.json()["created"]) == 10
    rows = AuditEvent.objects.filter(action="news.import").order_by("pk")[audits:]
    assert [len(r.after["created"]) for r in rows] == [4, 4, 2]


def test_the_news_rule_rows_decide_the_upload_caps(api_as):
    """Changing the NewsRule rows changes the largest file and the most items an upload may hold."""
    from countydesk.news.models import NewsRule

    assert (rules.max_feed_bytes(), rules.max_upload_items()) == (5 * 1024 * 1024, 5000)
    three = ("标题,正文,来源,媒体,日期,链接\n" + "".join(
        f"规则新闻{n},,网络,,2026-11-01,https://news.example/rule/{n}\n" for n in range(3))).encode()
    before = NewsItem.objects.count()
    NewsRule.objects.filter(key="max_upload_items").update(value=2)
    assert _csv_upload(api_as("xinxike"), three).status_code == 422 and NewsItem.objects.count() == before
    NewsRule.objects.filter(key="max_feed_mb").update(value=0)
    assert _csv_upload(api_as("xinxike"), three).status_code == 413
    NewsRule.objects.filter(key="max_feed_mb").update(value=5)
    NewsRule.objects.filter(key="max_upload_items").update(value=3)
    assert _csv_upload(api_as("xinxike"), three).status_code < 300 and NewsItem.objects.count() == before + 3
