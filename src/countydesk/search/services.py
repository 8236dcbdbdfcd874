"""Keeping the index in step with every change, and answering searches with highlighted snippets.

Apps call `index_document` / `remove_document` from their own services, inside the same
transaction as the change, and `register_kind` once in ready().
"""

import html
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.safestring import mark_safe

from countydesk.accounts.scoping import is_county_wide
from countydesk.orgs.dictionary import ensure_loaded
from countydesk.textkit import search_tokens

from . import backends
from .models import SearchDocument

KINDS: dict[str, object] = {}
REINDEXERS: dict[str, object] = {}
REFRESHERS: dict[str, object] = {}
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ALNUM = re.compile(r"[0-9A-Za-z]+")
_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+")


def register_kind(kind: str, label, reindex=None):
    """`reindex()` re-indexes every record of the kind (used by `countydesk search reindex`)."""
    KINDS[kind] = label
    if reindex is not None:
        REINDEXERS[kind] = reindex


def index_model(model, kind: str, label, document):
    """Keep every saved `model` row in the index as `kind`.

    `document(obj)` returns the fields of index_document (title, body, unit, public, url), or None
    for a row that must not be searchable (a draft, say). Saves inside a service's transaction
    index in that same transaction."""
    from django.db.models.signals import post_delete, post_save

    def refresh(obj):
        fields = document(obj)
        if fields is None:
            remove_document(kind, obj.pk)
        else:
            index_document(kind, obj.pk, **fields)

    def reindex():
        rows = model._default_manager.all()
        for obj in rows.iterator():
            refresh(obj)
        return rows.count()

    REFRESHERS[kind] = refresh
    post_save.connect(lambda sender, instance, **kw: refresh(instance), sender=model, weak=False,
                      dispatch_uid=f"search-{kind}-save")
    post_delete.connect(lambda sender, instance, **kw: remove_document(kind, instance.pk), sender=model, weak=False,
                        dispatch_uid=f"search-{kind}-delete")
    register_kind(kind, label, reindex)


def refresh_documents(kind: str, objects):
    """Index `objects` again, for a change elsewhere that alters whether or how they are searchable."""
    for obj in objects:
        REFRESHERS[kind](obj)


def reindex_all(progress=lambda kind: None) -> dict[str, int]:
    counts = {}
    for kind, reindex in REINDEXERS.items():
        progress(kind)
        with transaction.atomic():
            SearchDocument.objects.filter(kind=kind).delete()  # the rebuild below drops their index entries
            counts[kind] = reindex()
    backends.rebuild()
    return counts


@transaction.atomic
def index_document(kind: str, object_id, title: str, body: str = "", *, unit=None, public=False, url=""):
    ensure_loaded()
    tokens = _normalised(search_tokens(f"{title}\n{body}"))
    doc = SearchDocument.objects.select_for_update().filter(kind=kind, object_id=str(object_id)).first()
    old_tokens = doc.tokens if doc else None
    doc = doc or SearchDocument(kind=kind, object_id=str(object_id))
    doc.title, doc.body, doc.tokens, doc.unit, doc.public, doc.url = title[:300], body, tokens, unit, public, url
    doc.save()
    backends.write(doc.pk, tokens, old_tokens)
    return doc


@transaction.atomic
def remove_document(kind: str, object_id):
    doc = SearchDocument.objects.filter(kind=kind, object_id=str(object_id)).first()
    if doc is not None:
        backends.remove(doc.pk, doc.tokens)
        doc.delete()


def _normalised(tokens: str) -> str:
    """Only CJK runs and latin/digit runs, so SQLite's and PostgreSQL's tokenizers cut them alike
    (PostgreSQL would keep "1.2" whole where SQLite splits it)."""
    return " ".join(dict.fromkeys(_TOKEN.findall(tokens.lower())))


def query_terms(query: str) -> list[str]:
    """Terms every hit must hold: CJK bigrams (or the lone character) and latin/number words."""
    terms = []
    for run in _CJK_RUN.findall(query):
        terms.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
    terms.extend(w.lower() for w in _ALNUM.findall(query))
    return list(dict.fromkeys(terms))


@dataclass
class Hit:
    kind: str
    kind_label: object
    object_id: str
    title: str
    snippet: str
    url: str


def search(user, query: str, kinds=None, limit: int = 20) -> list[Hit]:
    """Documents matching every term of `query` that `user` may see, newest first."""
    terms = query_terms(query)
    if not terms:
        return []
    where, params = _visibility(user)
    if kinds:
        where += f" AND d.kind IN ({', '.join(['%s'] * len(kinds))})"
        params += list(kinds)
    ids = backends.ranked_ids(terms, where, params, limit)
    by_id = SearchDocument.objects.in_bulk(ids)
    return [_hit(by_id[i], query, terms) for i in ids]


def _visibility(user) -> tuple[str, list]:
    """The scoping rule of accounts.scoping, as SQL on the document alias `d`."""
    if is_county_wide(user):
        return "1 = 1", []
    if getattr(user, "is_authenticated", False) and user.unit_id:
        return ("(d.public OR d.unit_id IS NULL OR d.unit_id IN (SELECT id FROM orgs_unit WHERE path LIKE %s))",
                [user.unit.path + "%"])
    return "d.public", []


def _hit(doc: SearchDocument, query: str, terms: list[str]) -> Hit:
    return Hit(doc.kind, KINDS.get(doc.kind, doc.kind), doc.object_id, doc.title, highlight(doc.body or doc.title, query, terms),
               doc.url)


def highlight(text: str, query: str, terms: list[str], width: int = 80) -> str:
    """An escaped window of `text` around the first match, with matches wrapped in <mark>."""
    needles = [n for n in [query.strip(), *terms] if n]
    lower = text.lower()
    first = min((p for p in (lower.find(n.lower()) for n in needles) if p >= 0), default=0)
    start = max(0, first - width // 3)
    window = text[start : start + width]
    pattern = re.compile("|".join(re.escape(n) for n in sorted(needles, key=len, reverse=True)), re.IGNORECASE)
    parts, last = [], 0
    for m in pattern.finditer(window):
        parts += [html.escape(window[last : m.start()]), f"<mark>{html.escape(m.group())}</mark>"]
        last = m.end()
    parts.append(html.escape(window[last:]))
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)
