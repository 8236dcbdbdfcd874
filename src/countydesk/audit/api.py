from datetime import datetime

from ninja import FilterSchema, Query, Router
from ninja.pagination import paginate

from countydesk.accounts.scoping import require
from countydesk.base.api import NumberedPagination, Row, rows_for

from .models import AuditEvent

router = Router(tags=["audit"])


class AuditOut(Row):
    seq: int
    at: datetime
    actor_name: str
    unit_id: int | None
    action: str
    object_type: str
    object_id: str
    before: dict | None
    after: dict | None
    ip: str | None
    hash: str


class AuditFilter(FilterSchema):
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    actor_name: str | None = None
    since: datetime | None = None

    def filter_since(self, value):
        from django.db.models import Q

        return Q(at__gte=value) if value else Q()


@router.get("/audit", response=list[AuditOut])
@paginate(NumberedPagination)
def list_audit(request, filters: Query[AuditFilter]):
    """The audit trail, newest first; read-only, for administrators and auditors."""
    require(request.user, "audit.view")
    return rows_for(filters.filter(AuditEvent.objects.all()), AuditOut)
