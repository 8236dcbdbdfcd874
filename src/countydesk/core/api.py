"""The one NinjaAPI of the instance: authentication, the error shape, pagination.

Every error answers {"error": code, "message": text, "fields": {...}}.
"""

from decimal import Decimal
from uuid import UUID

import orjson
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from pydantic import BaseModel, ConfigDict
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PaginationBase
from ninja.renderers import BaseRenderer
from ninja.security import HttpBearer, SessionAuth

from countydesk.core.errors import ServiceError


class TokenAuth(HttpBearer):
    """`Authorization: Bearer cd_…` for API clients (接口客户端)."""

    def authenticate(self, request, token):
        from countydesk.accounts.services import user_for_token

        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class ActiveSessionAuth(SessionAuth):
    """Browser session with CSRF, for pages that call the API."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": code, "message": message, "fields": fields or {}}


def _validation_fields(errors) -> dict:
    fields: dict[str, list[str]] = {}
    for err in errors:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "payload", "filters")]
        fields.setdefault(".".join(loc) or "__all__", []).append(err.get("msg", "invalid"))
    return fields


class ErrorOut(Schema):
    error: str
    message: str
    fields: dict


class ORJSONRenderer(BaseRenderer):
    media_type = "application/json"

    def render(self, request, data, *, response_status):
        return orjson.dumps(data, default=_json_default)


def _json_default(value):
    if isinstance(value, (Decimal, UUID)):
        return str(value)
    if isinstance(value, Promise):
        return str(value)
    raise TypeError(f"cannot encode {type(value).__name__}")


api = NinjaAPI(
    renderer=ORJSONRenderer(),
    title="CountyDesk API",
    version="1",
    description="政务信息报送与应急管理平台接口 / Government information reporting and emergency management",
    auth=[TokenAuth(), ActiveSessionAuth()],
    urls_namespace="api",
)


@api.exception_handler(ServiceError)
def _service_error(request, exc: ServiceError):
    return api.create_response(request, error_body(exc.code, exc.message, exc.fields), status=exc.status)


@api.exception_handler(NinjaValidationError)
def _validation_error(request, exc):
    return api.create_response(
        request,
        error_body("validation_error", _("Some fields are invalid."), _validation_fields(exc.errors)),
        status=422,
    )


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return api.create_response(request, error_body("unauthorized", _("Sign in or send a valid API token.")), status=401)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return api.create_response(request, error_body("http_error", str(exc)), status=exc.status_code)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, error_body("not_found", _("No such record.")), status=404)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, error_body("forbidden", _("Your role does not allow this.")), status=403)


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    return api.create_response(request, error_body("too_large", _("The request body is too large.")), status=413)


class Row(BaseModel):
    """Base of output schemas: plain pydantic, validated in its Rust core from dicts or model attributes.

    (ninja's Schema wraps every object in a Python getter first, which made a 10,000-row answer ten
    times slower.)
    """

    model_config = ConfigDict(from_attributes=True)


def rows_for(queryset, schema: type[BaseModel]):
    """Only the schema's columns, as dicts."""
    return queryset.values(*schema.model_fields)


class NumberedPagination(PaginationBase):
    """?page=N&per_page=M (at most 10,000), answering count, page, pages, per_page and items."""

    class Input(Schema):
        page: int = 1
        per_page: int = 100

    class Output(Row):
        count: int
        page: int
        pages: int
        per_page: int
        items: list

    items_attribute = "items"
    max_per_page = 10_000

    def paginate_queryset(self, queryset, pagination: Input, **params):
        from countydesk.core.errors import ValidationFailed

        if pagination.page < 1 or not 1 <= pagination.per_page <= self.max_per_page:
            raise ValidationFailed(
                _("page must be 1 or more and per_page between 1 and %d.") % self.max_per_page,
                fields={"page": ["≥ 1"], "per_page": [f"1..{self.max_per_page}"]},
            )
        count = queryset.count()
        start = (pagination.page - 1) * pagination.per_page
        return {
            "count": count,
            "page": pagination.page,
            "pages": max(1, -(-count // pagination.per_page)),
            "per_page": pagination.per_page,
            "items": list(queryset[start : start + pagination.per_page]),
        }
