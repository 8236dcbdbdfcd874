from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from countydesk.base.api import ErrorOut, NumberedPagination, Row

from . import services
from .models import Issue, Periodical
from .views import _issues

router = Router(tags=["periodicals"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class IssueOut(Row):
    id: int
    periodical_id: int
    year: int
    number: int | None
    status: str
    signed_at: datetime | None
    published_at: datetime | None


class IssueIn(Schema):
    periodical_id: int


class ItemIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    body: str = Field(..., min_length=1, max_length=20_000)
    writer: str = Field("", max_length=50)


class ReturnIn(Schema):
    reason: str = Field(..., min_length=1, max_length=200)


@router.get("/periodicals/issues", response={200: list[IssueOut], **ERRORS})
@paginate(NumberedPagination)
def list_issues(request):
    return _issues(request.user).values(*IssueOut.model_fields)


@router.post("/periodicals/issues", response={201: IssueOut, **ERRORS})
def create_issue(request, payload: IssueIn):
    return Status(201, services.do_create_issue(request.user, get_object_or_404(Periodical, pk=payload.periodical_id)))


@router.post("/periodicals/issues/{issue_id}/items", response={201: dict, **ERRORS})
def add_item(request, issue_id: int, payload: ItemIn):
    item = services.do_add_item(request.user, get_object_or_404(_issues(request.user), pk=issue_id), **payload.dict())
    return Status(201, {"id": item.pk, "order": item.order})


def _issue(request, issue_id) -> Issue:
    return get_object_or_404(_issues(request.user), pk=issue_id)


@router.post("/periodicals/issues/{issue_id}/submit", response={200: IssueOut, **ERRORS})
def submit(request, issue_id: int):
    return services.do_submit(request.user, _issue(request, issue_id))


@router.post("/periodicals/issues/{issue_id}/return", response={200: IssueOut, **ERRORS})
def return_issue(request, issue_id: int, payload: ReturnIn):
    return services.do_return(request.user, _issue(request, issue_id), payload.reason)


@router.post("/periodicals/issues/{issue_id}/sign", response={200: IssueOut, **ERRORS})
def sign(request, issue_id: int):
    return services.do_sign(request.user, _issue(request, issue_id))


@router.post("/periodicals/issues/{issue_id}/publish", response={200: IssueOut, **ERRORS})
def publish(request, issue_id: int):
    services.do_publish(request.user, _issue(request, issue_id))
    return Issue.objects.get(pk=issue_id)
