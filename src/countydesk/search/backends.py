"""The full-text index per database: SQLite FTS5 or PostgreSQL tsvector with a GIN index.

Both index the same tokens (words and CJK bigrams) and answer the same AND query, so the same
data gives the same matches on either database.
"""

from django.db import connection

SQLITE_SETUP = [
    # External content: the tokens live once, in search_searchdocument; `rebuild` re-reads them.
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(tokens, content='search_searchdocument', "
    "content_rowid='id', tokenize='unicode61')",
]
POSTGRES_SETUP = [
    "ALTER TABLE search_searchdocument ADD COLUMN IF NOT EXISTS tsv tsvector",
    "CREATE INDEX IF NOT EXISTS search_document_tsv ON search_searchdocument USING gin (tsv)",
]


def setup_statements(vendor: str) -> list[str]:
    return {"sqlite": SQLITE_SETUP, "postgresql": POSTGRES_SETUP}.get(vendor, [])


def write(doc_id: int, tokens: str, old_tokens: str | None):
    """Put one document's tokens in the index (inside the caller's transaction)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if old_tokens is not None:  # an FTS5 delete names the values it indexed
                cursor.execute("INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', %s, %s)",
                               [doc_id, old_tokens])
            cursor.execute("INSERT INTO search_fts(rowid, tokens) VALUES (%s, %s)", [doc_id, tokens])
        else:
            cursor.execute("UPDATE search_searchdocument SET tsv = to_tsvector('simple', %s) WHERE id = %s",
                           [tokens, doc_id])


def rebuild():
    """Rebuild the whole index from the documents table."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        else:
            cursor.execute("UPDATE search_searchdocument SET tsv = to_tsvector('simple', tokens)")


def remove(doc_id: int, tokens: str):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', %s, %s)",
                           [doc_id, tokens])


def ranked_ids(terms: list[str], where: str, params: list, limit: int) -> list[int]:
    """Ids of documents `d` holding every term and meeting `where`, newest first.

    Newest first, not by relevance score: every hit already holds every term, and scoring all
    hits of a common word (bm25 / ts_rank over thousands of rows) cost more than the 30 ms budget.
    """
    if connection.vendor == "sqlite":
        match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
        sql = ("SELECT d.id FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid "
               f"WHERE search_fts MATCH %s AND {where} ORDER BY search_fts.rowid DESC LIMIT %s")
        args = [match, *params, limit]
    else:
        tsquery = " & ".join("'" + t.replace("'", "''").replace("\\", "") + "'" for t in terms)
        sql = ("SELECT d.id FROM search_searchdocument d, to_tsquery('simple', %s) q "
               f"WHERE d.tsv @@ q AND {where} ORDER BY d.id DESC LIMIT %s")
        args = [tsquery, *params, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return [row[0] for row in cursor.fetchall()]
