"""The stock ledger (出入库台账): the one writer of movements and the cached balances beside them.

Every writer of a depot × item first locks its StockLevel row (SELECT … FOR UPDATE on PostgreSQL;
on SQLite the IMMEDIATE transaction already holds the database write lock), then reads the batch
balance, refuses to go below zero, and updates the cached rows and appends the movement in the same
transaction. So balance = sum of movements and never negative, also with concurrent writers.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F, FloatField, Q, Sum
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.audit.services import record, snapshot
from countydesk.base.errors import Conflict, ValidationFailed
from countydesk.base.services import validated_save

from ..choices import EntryKind, MovementKind
from ..models import Batch, BatchBalance, Depot, Item, StockHold, StockLevel, StockMovement
from .common import require_depot

OUTFLOW = {EntryKind.ISSUE: MovementKind.ISSUE, EntryKind.WRITE_OFF: MovementKind.WRITE_OFF}


def lock_level(depot: Depot, item: Item) -> StockLevel:
    """Lock (creating it on first use) the depot × item row; a concurrent creator makes get_or_create re-read it."""
    return StockLevel.objects.select_for_update().get_or_create(depot=depot, item=item)[0]


def post_movement(actor, depot: Depot, batch: Batch, kind: str, delta: Decimal | None = None, *,
                  counted: Decimal | None = None, **refs) -> StockMovement:
    """Append one movement of `delta` (or, for a stock-take, up to `counted`). Call inside a transaction.

    `refs`: reason, reference, transfer, census_upload, hold. Stock held for a scene (StockLevel.reserved) is not
    taken: an outflow leaving less on hand than is reserved is refused (release the hold first).
    """
    level = lock_level(depot, batch.item)
    balance, _created = BatchBalance.objects.get_or_create(depot=depot, batch=batch, defaults={"item": batch.item})
    if counted is not None:
        delta = Decimal(counted) - balance.quantity
    if not delta:
        raise ValidationFailed(_("Nothing to record: the quantity does not change the balance."),
                               fields={"quantity": [_("No change.")]})
    after = balance.quantity + delta
    if after < 0:
        raise Conflict(
            _("Not enough stock of %(batch)s in %(depot)s: %(have)s on hand, %(want)s asked.")
            % {"batch": batch, "depot": depot, "have": balance.quantity, "want": -delta},
            code="insufficient_stock", fields={"quantity": [_("More than the balance.")]},
        )
    if delta < 0 and level.quantity + delta < level.reserved:
        raise Conflict(
            _("%(depot)s holds %(reserved)s %(uom)s of %(item)s reserved for a scene; only %(free)s is free.")
            % {"depot": depot, "reserved": level.reserved, "uom": batch.item.unit_of_measure,
               "item": batch.item.name, "free": max(level.quantity - level.reserved, 0)},
            code="reserved_stock", fields={"quantity": [_("More than the free balance.")]},
        )
    BatchBalance.objects.filter(pk=balance.pk).update(quantity=after)
    StockLevel.objects.filter(pk=level.pk).update(quantity=F("quantity") + delta)
    return StockMovement.objects.create(depot=depot, item=batch.item, batch=batch, kind=kind, quantity=delta,
                                        unit_of_measure=batch.item.unit_of_measure, balance_after=after,
                                        actor=actor if getattr(actor, "pk", None) else None, **refs)


def receipt_batch(item: Item, batch_no: str, production_date=None, expiry_date=None) -> Batch:
    """The batch a receipt goes into: an existing one must agree on its dates; a new one gets its expiry
    from the item's shelf life when none is given."""
    batch_no = batch_no or f"R{timezone.localdate():%Y%m%d}"
    batch = Batch.objects.filter(item=item, batch_no=batch_no).first()
    if batch is None:
        if expiry_date is None and production_date and item.shelf_life_days:
            expiry_date = production_date + timedelta(days=item.shelf_life_days)
        return validated_save(Batch(item=item, batch_no=batch_no, production_date=production_date,
                                    expiry_date=expiry_date))
    for field, given in (("production_date", production_date), ("expiry_date", expiry_date)):
        if given and getattr(batch, field) != given:
            raise ValidationFailed(_("Batch %(no)s is on record with another %(field)s.")
                                   % {"no": batch_no, "field": Batch._meta.get_field(field).verbose_name},
                                   fields={field: [_("Does not match the batch on record.")]})
    return batch


def existing_batch(item: Item, batch_no: str) -> Batch:
    batch = Batch.objects.filter(item=item, batch_no=batch_no).first()
    if batch is None:
        raise ValidationFailed(_("No batch %(no)s of %(item)s.") % {"no": batch_no, "item": item.name},
                               fields={"batch_no": [_("Unknown batch.")]})
    return batch


@transaction.atomic
def do_record_entry(actor, depot: Depot, kind: str, item: Item, quantity: Decimal, batch_no: str = "",
                    production_date=None, expiry_date=None, reason: str = "", reference: str = "") -> StockMovement:
    """A receipt, issue, write-off or stock-take recorded by hand (quantity: moved, or counted)."""
    require_depot(actor, depot)
    quantity = Decimal(quantity)
    if quantity < 0 or (quantity == 0 and kind != EntryKind.STOCK_TAKE):
        raise ValidationFailed(_("Enter a positive quantity."), fields={"quantity": [_("Must be positive.")]})
    refs = {"reason": reason, "reference": reference}
    if kind == EntryKind.RECEIPT:
        batch = receipt_batch(item, batch_no, production_date, expiry_date)
        movement = post_movement(actor, depot, batch, MovementKind.RECEIPT, quantity, **refs)
    elif kind == EntryKind.STOCK_TAKE:
        movement = post_movement(actor, depot, existing_batch(item, batch_no), MovementKind.ADJUSTMENT,
                                 counted=quantity, **refs)
    elif kind in OUTFLOW:
        movement = post_movement(actor, depot, existing_batch(item, batch_no), OUTFLOW[kind], -quantity, **refs)
    else:
        raise ValidationFailed(_("Unknown kind of movement."), fields={"kind": [_("Unknown kind.")]})
    record(actor, f"stock.{movement.kind}", movement, after=snapshot(movement), unit=depot.unit)
    return movement


def available(today=None) -> Q:
    """Batch balances that can be used: not expired on `today`."""
    today = today or timezone.localdate()
    return Q(batch__expiry_date__isnull=True) | Q(batch__expiry_date__gte=today)


def depot_stock(depot: Depot):
    """Balances of one depot per item × batch, flat columns for lists and the API (one query)."""
    return (
        BatchBalance.objects.filter(depot=depot, quantity__gt=0)
        .annotate(item_code=F("item__code"), item_name=F("item__name"), unit_of_measure=F("item__unit_of_measure"),
                  is_equipment=F("item__is_equipment"), batch_no=F("batch__batch_no"),
                  production_date=F("batch__production_date"), expiry_date=F("batch__expiry_date"),
                  balance=Cast("quantity", FloatField()))
        .order_by("item_code", "expiry_date", "batch_id")
    )


def all_balances() -> dict[tuple[int, int], Decimal]:
    """Every depot × item balance that is not zero, {(depot_id, item_id): quantity}: read from the cached
    StockLevel rows the writers keep (one query over depots × items, never a scan of the ledger)."""
    return {(d, i): q for d, i, q in StockLevel.objects.exclude(quantity=0).order_by()
            .values_list("depot_id", "item_id", "quantity")}


def ledger_mismatches() -> list[dict]:
    """Cached balances that differ from the ledger sum, or reservations from their holds (always empty)."""
    ledger = {(r["depot_id"], r["batch_id"]): r["total"]
              for r in StockMovement.objects.order_by().values("depot_id", "batch_id").annotate(total=Sum("quantity"))}
    cached = {(b.depot_id, b.batch_id): b.quantity for b in BatchBalance.objects.all()}
    bad = [{"depot": d, "batch": b, "cached": cached.get((d, b), 0), "ledger": ledger.get((d, b), 0)}
           for d, b in set(ledger) | set(cached) if cached.get((d, b), 0) != ledger.get((d, b), 0)]
    sums = {(r["depot_id"], r["item_id"]): r["total"]
            for r in BatchBalance.objects.order_by().values("depot_id", "item_id").annotate(total=Sum("quantity"))}
    held = {(r["depot_id"], r["item_id"]): r["total"]
            for r in StockHold.objects.order_by().values("depot_id", "item_id").annotate(total=Sum("quantity"))}
    for level in StockLevel.objects.all():
        total = sums.get((level.depot_id, level.item_id), 0)
        if level.quantity != total:
            bad.append({"depot": level.depot_id, "item": level.item_id, "cached": level.quantity, "ledger": total})
        if level.reserved != held.get((level.depot_id, level.item_id), 0):
            bad.append({"depot": level.depot_id, "item": level.item_id, "reserved": level.reserved,
                        "holds": held.get((level.depot_id, level.item_id), 0)})
    return bad
