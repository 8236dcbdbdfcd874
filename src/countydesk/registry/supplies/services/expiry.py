"""What the county lacks: quota shortfalls (expired stock does not count) and batches near or past expiry."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from countydesk.audit.services import record

from .. import rules
from ..choices import WarningKind
from ..models import QUANTITY, BatchBalance, ExpiryWarning, ReserveQuota
from .stock import available


def _sum_of(balances) -> Coalesce:
    total = (balances.filter(depot=OuterRef("depot"), item=OuterRef("item")).order_by()
             .values("depot").annotate(total=Sum("quantity")).values("total"))
    return Coalesce(Subquery(total), Value(Decimal(0)), output_field=DecimalField(**QUANTITY))


def shortfalls(quotas=None, today: date | None = None):
    """Quotas not met by usable stock: each with `usable`, `expired` and `shortfall` (one query)."""
    usable = available(today)
    quotas = ReserveQuota.objects.all() if quotas is None else quotas
    return (quotas.select_related("depot__unit", "item")
            .annotate(usable=_sum_of(BatchBalance.objects.filter(usable)),
                      expired=_sum_of(BatchBalance.objects.filter(~usable)))
            .annotate(shortfall=F("quantity") - F("usable")).filter(shortfall__gt=0)
            .order_by("-shortfall", "depot__name", "item__code"))


def expiring_batches(balances=None, today: date | None = None, days: int | None = None):
    """Balances whose batch expires within `days` (the rule, default 90) or has expired, soonest first."""
    today = today or timezone.localdate()
    days = rules.expiry_warning_days() if days is None else days
    balances = BatchBalance.objects.all() if balances is None else balances
    return (balances.filter(quantity__gt=0, batch__expiry_date__lte=today + timedelta(days=days))
            .select_related("depot__unit", "item", "batch").order_by("batch__expiry_date", "depot__name"))


def warning_kind(balance: BatchBalance, today: date) -> str:
    return WarningKind.EXPIRED if balance.batch.expiry_date < today else WarningKind.EXPIRING


@transaction.atomic
def do_record_expiry_warnings(actor, today: date | None = None) -> int:
    """The daily check: one warning per depot × batch and day (running twice a day records nothing new)."""
    today = today or timezone.localdate()
    found = [ExpiryWarning(on=today, depot_id=b.depot_id, batch_id=b.batch_id, kind=warning_kind(b, today),
                           quantity=b.quantity) for b in expiring_batches(today=today)]
    before = ExpiryWarning.objects.filter(on=today).count()
    ExpiryWarning.objects.bulk_create(found, ignore_conflicts=True)
    added = ExpiryWarning.objects.filter(on=today).count() - before
    expired = sum(1 for w in found if w.kind == WarningKind.EXPIRED)
    record(actor, "stock.expiry_check", object_type="supplies.expirywarning",
           after={"on": today, "found": len(found), "expired": expired, "new": added})
    return added
