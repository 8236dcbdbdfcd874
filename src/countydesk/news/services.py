"""Importing news items and finding the work that was in the news but never reported (A9)."""

import csv
import hashlib
import io
import urllib.request
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from time import mktime
from typing import Callable, Iterable

import feedparser
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require, scope
from countydesk.audit.services import record
from countydesk.base.errors import TooLarge, ValidationFailed
from countydesk.core.batches import write_in_batches
from countydesk.core.workbooks import sheet_rows
from countydesk.orgs.choices import UnitKind
from countydesk.orgs.models import Unit
from countydesk.textkit import similarity

from .models import NewsFeed, NewsItem, NewsMatch
from .rules import match_rule, max_feed_bytes, max_upload_items

SOURCE_WORDS = {"报纸": NewsItem.Source.NEWSPAPER, "电视": NewsItem.Source.TELEVISION, "网络": NewsItem.Source.WEB,
                "newspaper": NewsItem.Source.NEWSPAPER, "television": NewsItem.Source.TELEVISION,
                "web": NewsItem.Source.WEB}
TABLE_COLUMNS = ["标题", "正文", "来源", "媒体", "日期", "链接"]

# Functions (unit_ids, start, end) -> iterable of (submission id, unit id, title, body) that the
# information chapter registers, so news never imports it.
SUBMISSION_SOURCES: list[Callable] = []


def register_submission_source(fn: Callable):
    if fn not in SUBMISSION_SOURCES:
        SUBMISSION_SOURCES.append(fn)


@dataclass
class ImportResult:
    created: list[int] = field(default_factory=list)
    duplicates: int = 0


def _key(link: str, title: str, published: date) -> str:
    basis = link.strip() or f"{title.strip()}|{published.isoformat()}"
    return hashlib.sha256(basis.encode()).hexdigest()


def _mention_names() -> list[tuple[str, int]]:
    """Names a report may use for a unit: full name, short name, and the name without its 县 prefix."""
    names = []
    kinds = [UnitKind.TOWNSHIP, UnitKind.DEPARTMENT, UnitKind.VILLAGE, UnitKind.ENTERPRISE, UnitKind.SOCIAL_ORG]
    for pk, name, short in Unit.objects.filter(kind__in=kinds, active=True).values_list("pk", "name", "short_name"):
        variants = {name, short} | ({name[1:]} if name.startswith("县") and len(name) > 3 else set())
        names.extend((v, pk) for v in variants if len(v) >= 2)
    return sorted(names, key=lambda n: -len(n[0]))


def mentioned_units(text: str, names=None) -> set[int]:
    return {pk for name, pk in (names or _mention_names()) if name in text}


def _clean(item: dict) -> dict:
    title = (item.get("title") or "").strip()
    if not title:
        raise ValidationFailed(_("A news item needs a title."), fields={"title": [_("This field is required.")]})
    published = item.get("published")
    if not isinstance(published, date):
        raise ValidationFailed(_("A news item needs a publication date."), fields={"published": [_("Invalid date.")]})
    source = item.get("source") or NewsItem.Source.WEB
    if source not in NewsItem.Source.values:
        raise ValidationFailed(_("Unknown source."), fields={"source": [_("Unknown source.")]})
    return {"title": title[:300], "body": (item.get("body") or "").strip(), "link": (item.get("link") or "")[:500],
            "published": published, "source": source, "outlet": (item.get("outlet") or "")[:100]}


def do_import_items(actor, items: Iterable[dict], *, feed: NewsFeed | None = None, origin: str = "upload",
                    progress=None) -> ImportResult:
    """Store new items (a repeat of a known link, or title and date, is skipped), find the units they
    mention and match them to those units' submissions.

    Every item is checked before any is stored (a bad one: ValidationFailed, nothing stored); then they are
    stored in short batches (core.batches), each with its audit row, so intakes never wait on a large file."""
    require(actor, "news.manage")
    cleaned = [_clean(i) for i in items]
    result, batch, names = ImportResult(), ImportResult(), _mention_names()

    def store(data):
        key = _key(data["link"], data["title"], data["published"])
        if NewsItem.objects.filter(key=key).exists():
            batch.duplicates += 1
            return
        item = NewsItem.objects.create(key=key, feed=feed, **data)
        item.units.set(mentioned_units(f"{item.title}\n{item.body}", names))
        match_item(item)
        batch.created.append(item.pk)

    def audit(_items):
        record(actor, "news.import", object_type="news.newsitem", object_id=feed.pk if feed else "",
               after={"origin": origin, "created": batch.created, "duplicates": batch.duplicates})
        result.created.extend(batch.created)
        result.duplicates += batch.duplicates
        batch.created, batch.duplicates = [], 0

    write_in_batches(cleaned, store, on_batch=audit, progress=progress)
    return result


def match_item(item: NewsItem) -> list[NewsMatch]:
    """Keep, per mentioned unit, the most similar submission of the window when similar enough."""
    rule = match_rule()
    unit_ids = list(item.units.values_list("pk", flat=True))
    if not unit_ids:
        return []
    start, end = item.published - timedelta(days=rule.days_before), item.published + timedelta(days=rule.days_after)
    text, best = f"{item.title}\n{item.body}", {}
    for source in SUBMISSION_SOURCES:
        for sub_id, unit_id, title, body in source(unit_ids, start, end):
            score = similarity(text, f"{title}\n{body}")
            if score >= rule.threshold and score > best.get(unit_id, (0, None, None))[0]:
                best[unit_id] = (score, sub_id, title)
    return [NewsMatch.objects.update_or_create(item=item, unit_id=unit_id, defaults={
        "submission_id": str(sub_id), "submission_title": title[:300], "score": score})[0]
        for unit_id, (score, sub_id, title) in best.items()]


def rematch_recent(days: int = 60) -> int:
    """Submissions written after the news came out: look again at recent items."""
    since = timezone.localdate() - timedelta(days=days)
    count = 0
    for item in NewsItem.objects.filter(published__gte=since).prefetch_related("units"):
        with transaction.atomic():
            count += len(match_item(item))
    return count


def missed(user, start: date | None = None, end: date | None = None):
    """(news item, unit) pairs: a unit mentioned in the news with no matching submission, in `user`'s scope."""
    through = NewsItem.units.through
    pairs = through.objects.select_related("newsitem", "unit").annotate(
        reported=Exists(NewsMatch.objects.filter(item=OuterRef("newsitem"), unit=OuterRef("unit")))
    ).filter(reported=False)
    if start:
        pairs = pairs.filter(newsitem__published__gte=start)
    if end:
        pairs = pairs.filter(newsitem__published__lte=end)
    return scope(user, pairs, "unit").order_by("-newsitem__published", "unit__path")


# --- reading what people bring in ---

def parse_feed(content: bytes) -> list[dict]:
    """Items of an RSS or Atom document."""
    parsed = feedparser.parse(content)
    if not parsed.entries:
        raise ValidationFailed(_("This is not an RSS or Atom feed with items."), fields={"file": [_("No items found.")]})
    outlet = parsed.feed.get("title", "")[:100]
    return [{"title": e.get("title", ""), "body": _strip_tags(e.get("summary", "")), "link": e.get("link", ""),
             "published": _entry_date(e), "outlet": outlet, "source": NewsItem.Source.WEB} for e in parsed.entries]


def _strip_tags(html: str) -> str:
    from django.utils.html import strip_tags

    return strip_tags(html).strip()


def _entry_date(entry) -> date:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp is None:
        return timezone.localdate()
    return timezone.localtime(timezone.make_aware(datetime.fromtimestamp(mktime(stamp)))).date()


def parse_table(name: str, content: bytes) -> list[dict]:
    """Rows of an .xlsx or .csv with the columns 标题 正文 来源 媒体 日期 链接; every bad row is reported."""
    rows = _xlsx_rows(content) if name.lower().endswith(".xlsx") else _csv_rows(content)
    header = [str(c or "").strip() for c in (rows[0] if rows else [])]
    if header[:2] != TABLE_COLUMNS[:2] or "日期" not in header:
        raise ValidationFailed(_("The first row must name the columns: %s") % "、".join(TABLE_COLUMNS),
                               fields={"file": [_("Wrong columns.")]})
    items, errors = [], {}
    for number, row in enumerate(rows[1:], start=2):
        values = dict(zip(header, row))
        if not any(values.values()):
            continue
        try:
            items.append(_row_item(values))
        except ValueError as exc:
            errors[f"row {number}"] = [str(exc)]
    if errors:
        raise ValidationFailed(_("%d rows have errors; nothing was imported.") % len(errors), fields=errors)
    return items


def _row_item(values: dict) -> dict:
    title = str(values.get("标题") or "").strip()
    if not title:
        raise ValueError(_("标题 is empty"))
    published = values.get("日期")
    if isinstance(published, datetime):
        published = published.date()
    elif not isinstance(published, date):
        try:
            published = date.fromisoformat(str(published or "").strip())
        except ValueError:
            raise ValueError(_("日期 must be a date such as 2026-03-15")) from None
    source_word = str(values.get("来源") or "网络").strip()
    if source_word not in SOURCE_WORDS:
        raise ValueError(_("来源 must be 报纸, 电视 or 网络"))
    return {"title": title, "body": str(values.get("正文") or ""), "published": published,
            "source": SOURCE_WORDS[source_word], "outlet": str(values.get("媒体") or ""),
            "link": str(values.get("链接") or "")}


def _xlsx_rows(content: bytes) -> list[tuple]:
    return sheet_rows(content)


def _csv_rows(content: bytes) -> list[tuple]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("gb18030", errors="strict")
        except UnicodeDecodeError:
            raise ValidationFailed(_("A .csv file must be in UTF-8 or GB18030."),
                                   fields={"file": [_("Unknown encoding.")]}) from None
    try:
        return [tuple(r) for r in csv.reader(io.StringIO(text))]
    except csv.Error as exc:  # a field over csv's limit (128 KiB), a NUL byte, …
        raise ValidationFailed(_("The file cannot be read as CSV: %s") % exc, fields={"file": [str(exc)]}) from None


def read_upload(upload) -> list[dict]:
    """The items of an uploaded file (anything with `name`, `size` and `read()`), within the feed's limits."""
    limit = max_feed_bytes()
    if upload.size > limit:
        raise TooLarge(_("The file is larger than %d MB.") % (limit // 1024 // 1024),
                       fields={"file": [_("Too large.")]})
    name, content = upload.name, upload.read()
    if name.lower().endswith((".xlsx", ".csv")):
        items = parse_table(name, content)
    elif name.lower().endswith((".xml", ".rss", ".atom")):
        items = parse_feed(content)
    else:
        raise ValidationFailed(_("Upload an RSS/Atom file (.xml), an .xlsx or a .csv file."),
                               fields={"file": [_("Unsupported file type.")]})
    most = max_upload_items()
    if len(items) > most:
        raise ValidationFailed(_("At most %d items at a time.") % most,
                               fields={"file": [_("Too many items.")]})
    return items


# --- feeds ---

@transaction.atomic
def do_add_feed(actor, name: str, url: str) -> NewsFeed:
    require(actor, "news.manage")
    from countydesk.base.services import validated_save

    feed = validated_save(NewsFeed(name=name.strip(), url=url.strip()))
    record(actor, "news.feed.add", feed, after={"name": feed.name, "url": feed.url})
    return feed


def fetch_feed(feed: NewsFeed, actor) -> ImportResult:
    """Fetch one feed now; a failure is kept on the feed and changes nothing else."""
    try:
        with urllib.request.urlopen(feed.url, timeout=20) as response:
            limit = max_feed_bytes()
            content = response.read(limit + 1)
        if len(content) > limit:
            raise ValidationFailed(_("The feed is larger than %d MB.") % (limit // 1024 // 1024))
        result = do_import_items(actor, parse_feed(content), feed=feed, origin="feed")
        NewsFeed.objects.filter(pk=feed.pk).update(last_fetched=timezone.now(), last_error="")
        return result
    except (OSError, ValidationFailed) as exc:
        NewsFeed.objects.filter(pk=feed.pk).update(last_fetched=timezone.now(), last_error=str(exc)[:300])
        return ImportResult()
