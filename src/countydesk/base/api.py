"""The API's schema kit: the one error shape, fast output rows, numbered pagination, the JSON renderer.

Every error answers {"error": code, "message": text, "fields": {...}}.
"""

from decimal import Decimal
from uuid import UUID

import orjson
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.pagination import PaginationBase
from ninja.renderers import BaseRenderer
from pydantic import BaseModel, ConfigDict

from countydesk.base.errors import UnsupportedMediaType, ValidationFailed


def require_json(content_type: str) -> None:
    """415 unless a body is sent as application/json (UTF-8)."""
    mime, _sep, params = (content_type or "").partition(";")
    charset = params.strip().lower().removeprefix("charset=").strip('"') if params.strip() else "utf-8"
    if mime.strip().lower() != "application/json" or charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(_("Send the body as JSON (Content-Type: application/json)."))


def json_body(body: bytes, content_type: str):
    """A JSON request body: 415 unless it is sent as JSON, 422 when it is not JSON or holds a NUL
    character, which no text column can store."""
    require_json(content_type)
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise ValidationFailed(_("The body is not valid JSON."), fields={"__all__": [str(exc)]}) from exc
    if _holds_nul(data):
        raise ValidationFailed(_("The body holds a NUL character (\\u0000)."), fields={"__all__": [_("NUL character.")]})
    return data


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(v) for v in value)
    return False


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": code, "message": message, "fields": fields or {}}


def validation_fields(errors) -> dict:
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


class Row(BaseModel):
    """Base of output schemas: plain pydantic, validated in its Rust core from dicts or model attributes.

    (ninja's Schema wraps every object in a Python getter first, which made a 10,000-row answer ten
    times slower.)
    """

    model_config = ConfigDict(from_attributes=True)


def rows_for(queryset, schema: type[BaseModel]):
    """Only the schema's columns, as dicts."""
    return queryset.values(*schema.model_fields)


class MappedRows:
    """Rows of a queryset passed through `each` as they are read: the paginator counts and slices the
    queryset, and only the page's rows are mapped."""

    def __init__(self, rows, each):
        self.rows, self.each = rows, each

    def count(self) -> int:
        return self.rows.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.each(row) for row in self.rows[index]]
        return self.each(self.rows[index])

    def __iter__(self):
        return (self.each(row) for row in self.rows.iterator())


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
    max_page = 1_000_000_000

    def paginate_queryset(self, queryset, pagination: Input, **params):
        if not 1 <= pagination.page <= self.max_page or not 1 <= pagination.per_page <= self.max_per_page:
            raise ValidationFailed(
                _("page must be between 1 and %(pages)d and per_page between 1 and %(per_page)d.")
                % {"pages": self.max_page, "per_page": self.max_per_page},
                fields={"page": [f"1..{self.max_page}"], "per_page": [f"1..{self.max_per_page}"]},
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
