"""Chinese first, checked by reading every page as each demo role: the text a user sees (and the titles,
placeholders and labels of controls) holds no English word outside a short list of terms a Chinese
county office writes in Latin letters itself.

The crawl visits every URL pattern reachable by GET without arguments, then follows links from what it
read to one page of each pattern with arguments (detail pages, their sub-pages), once per role; the
admin index and every changelist as the administrator; and the Excel exports linked from list pages.
"""

import re
import time
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from openpyxl import load_workbook

from countydesk.accounts.models import User

pytestmark = pytest.mark.django_db

ROLES = ["admin", "xinxike", "lingdao", "chengguan_xxy", "zhiban", "yingjiban", "zhihui", "duizhang", "shenji"]

# Terms written in Latin letters in Chinese government documents and screens, and file formats; "English"
# is the language switch naming English in its own language.
ALLOWED = {"GB/T", "Excel", "PDF", "API", "CAP", "SMS", "Word", "WPS", "JSON", "GeoJSON", "CSV", "XML", "OFD",
           "OpenAPI", "RSS", "Atom", "ISO", "WGS", "GPS", "IDs", "URL", "HTTP", "GET", "POST", "SHA", "English"}
FILE_FORMATS = {"docx", "doc", "xlsx", "xls", "pdf", "csv", "xml", "txt", "wps", "ofd", "jpg", "jpeg", "png"}

# Not pages: the API (JSON, its docs are the OpenAPI tool's), language switch, sign-out, files and streams.
SKIP_PREFIXES = ("/admin/", "/api/", "/i18n/", "/logout/", "/healthz", "/static/", "/events/")

TEXT_ATTRIBUTES = {"title", "placeholder", "alt", "aria-label"}
URL_OR_MAIL = re.compile(r"(https?://|mailto:)\S+|[\w.+-]+@[\w-]+(\.[\w-]+)*")  # addresses and message ids
TOKEN = re.compile(r"[A-Za-z0-9_./-]+")
WORD = re.compile(r"[A-Za-z]{3,}")


class _Text(HTMLParser):
    """What a reader sees: text outside scripts and styles, and the text attributes of elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.links, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        self.parts += [v for k, v in attrs.items() if k in TEXT_ATTRIBUTES and v]
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def english_words(text: str, names: set[str]) -> set[str]:
    """ASCII letter runs of three or more that are not a URL, an e-mail address or message id, a code (letters with
    digits), an account name or an allowed term."""
    found = set()
    for token in TOKEN.findall(URL_OR_MAIL.sub(" ", text)):
        token = token.strip("./-")
        if any(c.isdigit() for c in token) or token in names or token in ALLOWED:
            continue
        found |= {w for w in WORD.findall(token) if w not in ALLOWED and w.lower() not in FILE_FORMATS}
    return found


def _pattern_urls(patterns, prefix=""):
    """Paths of every URL pattern without arguments."""
    for entry in patterns:
        route = str(entry.pattern)
        if getattr(entry.pattern, "converters", None) or "(?P<" in route or "<" in route:
            continue
        if isinstance(entry, URLResolver):
            yield from _pattern_urls(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield "/" + (prefix + route).lstrip("^").rstrip("$")


def page_urls() -> list[str]:
    return sorted({u for u in _pattern_urls(get_resolver().url_patterns) if not u.startswith(SKIP_PREFIXES)})


def _route(path: str):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route if (match.args or match.kwargs) else None


class Crawl:
    def __init__(self, client, names):
        self.client, self.names = client, names
        self.findings: dict[str, set[str]] = {}
        self.seen_routes, self.exports = set(), set()

    def read(self, url: str, follow: bool = True):
        response = self.client.get(url)
        if response.status_code in (301, 302) or response.status_code >= 400 and response.status_code != 403:
            assert response.status_code < 500, url
            return
        if not response.get("Content-Type", "").startswith("text/html"):
            return
        parser = _Text()
        parser.feed(response.content.decode())
        words = english_words(" ".join(parser.parts), self.names)
        if words:
            self.findings[url] = words
        if follow:
            self._follow(url, parser.links)

    def _follow(self, base, links):
        for href in links:
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/") or parts.path.startswith(SKIP_PREFIXES):
                if "format=xlsx" in parts.query and not parts.netloc:
                    self.exports.add((parts.path or urlsplit(base).path) + "?" + parts.query)
                continue
            if "format=xlsx" in parts.query:
                self.exports.add(parts.path + "?" + parts.query)
            route = _route(parts.path)
            if route is not None and route not in self.seen_routes:
                self.seen_routes.add(route)
                self.read(parts.path)

    def read_export(self, url: str):
        response = self.client.get(url)
        assert response.status_code == 200 and "spreadsheet" in response["Content-Type"], url
        book = load_workbook(BytesIO(response.content), read_only=True)
        cells = " ".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                         for v in row if isinstance(v, str))
        words = english_words(cells + " " + " ".join(book.sheetnames), self.names)
        if words:
            self.findings[url] = words


@pytest.fixture
def account_names(db):
    return set(User.objects.values_list("username", flat=True))


def test_every_page_reads_in_chinese_in_every_role(client_as, account_names):
    """CPU time, not wall time, is pinned: the machines running the suite are shared."""
    started, findings = time.process_time(), {}
    for username in ROLES:
        crawl = Crawl(client_as(username), account_names)
        for url in page_urls():
            crawl.read(url)
        if username == "admin":
            for url in sorted(crawl.exports):
                crawl.read_export(url)
        findings |= {f"{username} {url}": words for url, words in crawl.findings.items()}
    assert findings == {}
    assert time.process_time() - started < 60


# Alt texts Django's admin templates write in English without a translation (boolean icons, search icon).
ADMIN_UNTRANSLATABLE = {"True", "False", "Search"}


def admin_identifiers() -> set[str]:
    """The keys of the rule tables, which the administrator edits by name (urgent_grade, county-zhengwu)."""
    from django.apps import apps

    from countydesk.core.records import NumberRule
    from countydesk.info.models import ScoreRule

    rules = [m for m in apps.get_models() if issubclass(m, NumberRule)]
    return {key for m in rules for key in m.objects.values_list("key", flat=True)} | set(
        ScoreRule.objects.values_list("code", flat=True)) | recorded_user_agents()


def recorded_user_agents() -> set[str]:
    """What browsers sent as their name (Mozilla/5.0 …), which the sign-in log keeps as it came."""
    from axes.models import AccessLog

    return {w for agent in AccessLog.objects.values_list("user_agent", flat=True) for w in TOKEN.findall(agent)}


def test_the_admin_reads_in_chinese(client_as, account_names):
    crawl = Crawl(client_as("admin"), account_names | admin_identifiers() | ADMIN_UNTRANSLATABLE)
    crawl.read("/admin/", follow=False)
    for model in admin.site._registry:
        crawl.read(f"/admin/{model._meta.app_label}/{model._meta.model_name}/", follow=False)
    assert crawl.findings == {}


def test_the_crawl_catches_english():
    names = {"chengguan_xxy"}
    assert english_words("最近操作 submission.sign_off 用户 accounts.user:4", names) == {"submission", "sign", "off",
                                                                                    "accounts", "user"}
    assert english_words("导出Excel GB/T 9704 chengguan_xxy a@b.cn https://x.org/a 91360700MA35ABCD1X", names) == set()
