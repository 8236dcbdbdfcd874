from ninja import Query, Router, Schema
from pydantic import Field

from countydesk.base.api import Row

from .services import search

router = Router(tags=["search"])


class SearchIn(Schema):
    q: str = Field(..., min_length=1, max_length=100)
    kind: str | None = None
    limit: int = Field(20, ge=1, le=100)


class HitOut(Row):
    kind: str
    object_id: str
    title: str
    snippet: str
    url: str


@router.get("/search", response=list[HitOut])
def search_api(request, params: Query[SearchIn]):
    """Full-text search over every record the caller may see; snippets carry <mark> highlights."""
    hits = search(request.user, params.q, kinds=[params.kind] if params.kind else None, limit=params.limit)
    return [HitOut(kind=h.kind, object_id=h.object_id, title=h.title, snippet=str(h.snippet), url=h.url) for h in hits]
