"""Finding audit rows (审计查询): one filter for the audit page, its export and the JSON API."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .models import AuditEvent, AuditHead


@dataclass(frozen=True)
class AuditQuery:
    """Each criterion is optional; dates are local (Asia/Shanghai) days, both ends included."""

    actor: str = ""  # the actor's user name as recorded ("system" for the platform)
    unit: object = None  # an orgs.Unit: rows of that unit and the units under it
    object_type: str = ""
    object_id: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def apply(self, queryset=None):
        queryset = AuditEvent.objects.all() if queryset is None else queryset
        if self.actor:
            queryset = queryset.filter(actor_name=self.actor)
        if self.unit is not None:
            queryset = queryset.filter(unit__path__startswith=self.unit.path)
        if self.object_type:
            queryset = queryset.filter(object_type=self.object_type)
        if self.object_id:
            queryset = queryset.filter(object_id=self.object_id)
        if self.action:
            queryset = queryset.filter(action=self.action)
        if self.date_from:
            queryset = queryset.filter(at__gte=_day_start(self.date_from))
        if self.date_to:
            queryset = queryset.filter(at__lt=_day_start(self.date_to + timedelta(days=1)))
        return queryset


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def for_page(queryset):
    """What the audit list reads per row, in the one query of the page."""
    return queryset.select_related("actor", "unit")


def latest_seq() -> int:
    """The number of the newest audit row: every change made through a service moves it on (one indexed row)."""
    return AuditHead.objects.filter(pk=1).values_list("seq", flat=True).first() or 0
