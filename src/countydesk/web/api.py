"""The audit trail as JSON (审计日志接口), under /api/audit: the same filters as the audit page.

It lives in web, the top floor, because reading it checks the actor's permission (accounts) and audit
sits below accounts.
"""

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from countydesk.accounts.scoping import require
from countydesk.audit import display
from countydesk.audit.actions import action_label, is_known
from countydesk.audit.queries import AuditQuery, for_page
from countydesk.base.api import ErrorOut, NumberedPagination, Row
from countydesk.base.errors import ValidationFailed
from countydesk.orgs.models import Unit

router = Router(tags=["audit"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 422: ErrorOut}


class AuditOut(Row):
    seq: int
    at: datetime
    actor_name: str
    actor: str
    unit_id: int | None
    unit: str
    action: str
    action_label: str
    object_type: str
    object_type_label: str
    object_id: str
    object_label: str
    before: dict | None
    after: dict | None
    changes: str
    ip: str | None
    hash: str


class AuditFilter(Schema):
    actor_name: str | None = Field(None, max_length=150, description="the actor's user name; system for the platform")
    unit_id: int | None = Field(None, description="rows of this unit and the units under it")
    object_type: str | None = Field(None, max_length=80, description="app_label.model, e.g. orgs.unit")
    object_id: str | None = Field(None, max_length=64)
    action: str | None = Field(None, max_length=80, description="an action code, e.g. unit.update")
    since: datetime | None = Field(None, description="rows at or after this moment")
    date_from: date | None = Field(None, description="first local (Asia/Shanghai) day, included")
    date_to: date | None = Field(None, description="last local day, included")


def _query(filters: AuditFilter) -> AuditQuery:
    errors = {}
    if filters.action and not is_known(filters.action):
        errors["action"] = [_("Unknown action code.")]
    unit = Unit.objects.filter(pk=filters.unit_id).first() if filters.unit_id is not None else None
    if filters.unit_id is not None and unit is None:
        errors["unit_id"] = [_("No unit has this id.")]
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        errors["date_to"] = [_("The end date is before the start date.")]
    if errors:
        raise ValidationFailed(_("The filter could not be applied."), fields=errors)
    return AuditQuery(actor=filters.actor_name or "", unit=unit, object_type=filters.object_type or "",
                      object_id=filters.object_id or "", action=filters.action or "",
                      date_from=filters.date_from, date_to=filters.date_to)


def _row(event) -> dict:
    return {
        "seq": event.seq, "at": event.at, "actor_name": event.actor_name, "actor": display.actor_text(event),
        "unit_id": event.unit_id, "unit": event.unit.name if event.unit_id else "", "action": event.action,
        "action_label": str(action_label(event.action)), "object_type": event.object_type,
        "object_type_label": display.object_type_label(event.object_type), "object_id": event.object_id,
        "object_label": event.object_label, "before": event.before, "after": event.after,
        "changes": display.changes_text(event), "ip": event.ip, "hash": event.hash,
    }


class _Readable:
    """The rows of a queryset as readable dicts, made only for the page the paginator slices out."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, page: slice):
        return [_row(e) for e in self.queryset[page]]


@router.get("/audit", response={200: list[AuditOut], **ERRORS})
@paginate(NumberedPagination)
def list_audit(request, filters: Query[AuditFilter]):
    """The audit trail, newest first, with readable labels; read-only, for administrators and auditors."""
    require(request.user, "audit.view")
    events = _query(filters).apply()
    if filters.since:
        events = events.filter(at__gte=filters.since)
    return _Readable(for_page(events))
