from datetime import date

from django.db.models import F
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from countydesk.accounts.scoping import has_perm, scope
from countydesk.base.api import ErrorOut, NumberedPagination, Row
from countydesk.orgs.models import Unit

from . import services
from .models import NewsItem

router = Router(tags=["news"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 413: ErrorOut, 422: ErrorOut}


class NewsOut(Row):
    id: int
    title: str
    source: str
    outlet: str
    link: str
    published: date


class NewsIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    body: str = Field("", max_length=50_000)
    published: date
    source: NewsItem.Source = NewsItem.Source.WEB
    outlet: str = Field("", max_length=100)
    link: str = Field("", max_length=500)


class NewsImportOut(Schema):
    created: list[int]
    duplicates: int


class MissedOut(Row):
    unit_id: int
    unit_name: str
    news_id: int
    title: str
    published: date


class Period(Schema):
    start: date | None = None
    end: date | None = None


@router.get("/news", response={200: list[NewsOut], **ERRORS})
@paginate(NumberedPagination)
def list_news(request):
    items = NewsItem.objects.all()
    if not has_perm(request.user, "news.manage"):
        items = items.filter(units__in=scope(request.user, Unit.objects.all(), "self")).distinct()
    return items.values(*NewsOut.model_fields)


@router.post("/news", response={201: NewsImportOut, 200: NewsImportOut, **ERRORS})
def add_news(request, payload: NewsIn):
    """One report typed or pasted in; 200 when it was already known."""
    result = services.do_import_items(request.user, [payload.dict()], origin="api")
    return Status(201 if result.created else 200, result)


@router.post("/news/import", response={201: NewsImportOut, **ERRORS})
def import_news(request, file: UploadedFile = File(...)):
    """An RSS/Atom document, or an .xlsx/.csv with the columns 标题 正文 来源 媒体 日期 链接."""
    return Status(201, services.do_import_items(request.user, services.read_upload(file)))


@router.get("/news/missed", response={200: list[MissedOut], **ERRORS})
@paginate(NumberedPagination)
def missed_reports(request, period: Query[Period]):
    """News about a unit with no matching submission from that unit, in the caller's scope."""
    return services.missed(request.user, period.start, period.end).values(
        "unit_id", unit_name=F("unit__name"), news_id=F("newsitem_id"), title=F("newsitem__title"),
        published=F("newsitem__published"))

