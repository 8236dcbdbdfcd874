"""Reservations (预留) of stock for a scene: held stock stays on hand in the depot but is no longer free.

free balance = on hand (StockLevel.quantity) − reserved (StockLevel.reserved = the sum of the StockHolds), never
below zero: a hold is taken, released or shipped only with the depot × item row locked (stock.lock_level), the same
lock every ledger writer takes, and the database refuses reserved > on hand (a check constraint) as a last net.
Shipping held stock posts allocation-out movements (first expiring first out); a return books the same batches in.
"""

from decimal import Decimal

from django.db.models import F, Max, Sum
from django.utils.translation import gettext as _

from countydesk.base.errors import Conflict, ValidationFailed

from ..choices import MovementKind
from ..models import BatchBalance, Depot, Item, StockHold, StockLevel, StockMovement
from .stock import available, lock_level, post_movement


def free_balances(item_ids) -> dict[tuple[int, int], Decimal]:
    """{(depot_id, item_id): free quantity (on hand less reserved) of the given items in active depots, wherever
    some is free (one query on the cached rows)."""
    rows = (StockLevel.objects.filter(item_id__in=list(item_ids), depot__active=True).annotate(free=F("quantity") - F("reserved"))
            .filter(free__gt=0).order_by().values_list("depot_id", "item_id", "free"))
    return {(depot, item): Decimal(free) for depot, item, free in rows}


def free_balance(depot: Depot, item: Item) -> Decimal:
    return free_balances([item.pk]).get((depot.pk, item.pk), Decimal(0))


def hold_stock(depot: Depot, item: Item, quantity: Decimal, reference: str, field: str = "quantity") -> StockHold:
    """Reserve `quantity` of `item` in `depot` (inside the caller's transaction); more than is free is a 422 naming
    the item, the depot and the free balance."""
    quantity = Decimal(quantity)
    if quantity <= 0:
        raise ValidationFailed(_("Enter a positive quantity."), fields={field: [_("Must be positive.")]})
    level = lock_level(depot, item)
    free = level.quantity - level.reserved
    if quantity > free:
        message = (_("Only %(free)s %(uom)s of %(item)s is free in %(depot)s; %(want)s asked.")
                   % {"free": _number(free), "uom": item.unit_of_measure, "item": item.name, "depot": depot.name,
                      "want": _number(quantity)})
        raise ValidationFailed(message, fields={field: [message]})
    StockLevel.objects.filter(pk=level.pk).update(reserved=F("reserved") + quantity)
    return StockHold.objects.create(depot=depot, item=item, quantity=quantity, reference=reference)


def release_hold(hold: StockHold, quantity: Decimal | None = None) -> Decimal:
    """Give back `quantity` (default: all) of what `hold` still holds; returns what was released."""
    lock_level(hold.depot, hold.item)
    hold.refresh_from_db(from_queryset=StockHold.objects.select_for_update())
    quantity = hold.quantity if quantity is None else min(Decimal(quantity), hold.quantity)
    if quantity > 0:
        StockHold.objects.filter(pk=hold.pk).update(quantity=F("quantity") - quantity)
        StockLevel.objects.filter(depot=hold.depot, item=hold.item).update(reserved=F("reserved") - quantity)
        hold.quantity -= quantity
    return quantity


def ship_hold(actor, hold: StockHold, quantity: Decimal, reference: str, reason: str = "") -> list[StockMovement]:
    """Ship `quantity` of the held stock: the hold shrinks by it and usable batches leave the depot, first expiring
    first out, one allocation-out movement per batch."""
    quantity = Decimal(quantity)
    if quantity > hold.quantity:
        raise Conflict(_("Only %(held)s is reserved.") % {"held": _number(hold.quantity)}, code="not_reserved")
    release_hold(hold, quantity)
    wanted, movements = quantity, []
    balances = (BatchBalance.objects.filter(available(), depot=hold.depot, item=hold.item, quantity__gt=0)
                .select_related("batch__item").order_by("batch__expiry_date", "batch_id"))
    for balance in balances:
        take = min(wanted, balance.quantity)
        movements.append(post_movement(actor, hold.depot, balance.batch, MovementKind.ALLOCATION_OUT, -take,
                                       hold=hold, reference=reference, reason=reason))
        wanted -= take
        if not wanted:
            return movements
    raise Conflict(_("%(depot)s lacks %(qty)s %(uom)s of usable %(item)s (the rest has expired).")
                   % {"depot": hold.depot, "qty": _number(wanted), "uom": hold.item.unit_of_measure,
                      "item": hold.item.name}, code="insufficient_stock", fields={"quantity": [hold.item.name]})


def return_to_depot(actor, hold: StockHold, quantity: Decimal, reference: str, reason: str = "") -> list[StockMovement]:
    """Book `quantity` of shipped stock back into the depot, into the batches it left from (last shipped first)."""
    lock_level(hold.depot, hold.item)
    wanted, movements = Decimal(quantity), []
    for batch_id, out in _still_out(hold):
        take = min(wanted, out)
        if take > 0:
            batch = BatchBalance.objects.select_related("batch__item").get(depot=hold.depot, batch_id=batch_id).batch
            movements.append(post_movement(actor, hold.depot, batch, MovementKind.ALLOCATION_RETURN, take,
                                           hold=hold, reference=reference, reason=reason))
            wanted -= take
        if not wanted:
            return movements
    raise Conflict(_("More is returned than was shipped."), code="return_exceeds_shipped",
                   fields={"quantity": [hold.item.name]})


def _still_out(hold: StockHold) -> list[tuple[int, Decimal]]:
    """(batch id, quantity shipped and not yet returned) per batch of the hold, the last shipped first."""
    rows = (StockMovement.objects.filter(hold=hold).order_by().values("batch_id")
            .annotate(net=Sum("quantity"), last=Max("id")).order_by("-last"))
    return [(r["batch_id"], -r["net"]) for r in rows if r["net"] < 0]


def _number(value: Decimal) -> str:
    return f"{Decimal(value).normalize():f}"
