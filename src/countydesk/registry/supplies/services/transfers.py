"""Transfer orders (调拨): requested → approved → dispatched → received, stock moving at dispatch and receipt."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from countydesk.audit.services import record, snapshot
from countydesk.base.errors import Conflict, ValidationFailed
from countydesk.base.services import validated_save

from ..choices import MovementKind, TransferStatus
from ..models import BatchBalance, Depot, Item, TransferLine, TransferOrder
from .common import require_depot
from .flows import TRANSFER_FLOW
from .stock import lock_level, available, post_movement


@transaction.atomic
def do_request_transfer(actor, from_depot: Depot, to_depot: Depot, lines: list[tuple[Item, Decimal]],
                        reason: str, emergency: bool = False) -> TransferOrder:
    """The receiving side asks for items; county staff may ask on anyone's behalf."""
    require_depot(actor, to_depot)
    if not lines:
        raise ValidationFailed(_("A transfer needs at least one item."), fields={"lines": [_("Add an item.")]})
    order = validated_save(TransferOrder(from_depot=from_depot, to_depot=to_depot, reason=reason, emergency=emergency,
                                         requested_by=actor if getattr(actor, "pk", None) else None))
    for item, quantity in lines:
        validated_save(TransferLine(order=order, item=item, quantity=Decimal(quantity)))
    record(actor, "transfer.request", order, after=snapshot(order) | {"lines": _lines(order)}, unit=to_depot.unit)
    return order


def _lines(order):
    return [[line.item_id, str(line.quantity)] for line in order.lines.all()]


@TRANSFER_FLOW.entry("approve")
@transaction.atomic
def do_approve_transfer(actor, order: TransferOrder) -> TransferOrder:
    return TRANSFER_FLOW.take(actor, order, "approve")


@TRANSFER_FLOW.entry("reject")
@transaction.atomic
def do_reject_transfer(actor, order: TransferOrder) -> TransferOrder:
    return TRANSFER_FLOW.take(actor, order, "reject")


@TRANSFER_FLOW.entry("cancel")
@transaction.atomic
def do_cancel_transfer(actor, order: TransferOrder) -> TransferOrder:
    return TRANSFER_FLOW.take(actor, order, "cancel")


@TRANSFER_FLOW.entry("dispatch")
@TRANSFER_FLOW.entry("dispatch_now")
@transaction.atomic
def do_dispatch_transfer(actor, order: TransferOrder) -> TransferOrder:
    """The sending depot ships: usable batches first-expiring-first-out, one transfer-out movement per batch
    (an emergency order may ship before approval)."""
    def ship(locked):
        for line in locked.lines.select_related("item").order_by("item_id"):  # one lock order: no deadlocks
            _dispatch_line(actor, locked, line)

    return TRANSFER_FLOW.take(actor, order, "dispatch" if order.status == TransferStatus.APPROVED else "dispatch_now",
                        prepare=ship)


def _dispatch_line(actor, order: TransferOrder, line: TransferLine):
    lock_level(order.from_depot, line.item)
    wanted = line.quantity
    balances = (BatchBalance.objects.filter(available(), depot=order.from_depot, item=line.item, quantity__gt=0)
                .select_related("batch__item").order_by("batch__expiry_date", "batch_id"))
    for balance in balances:
        take = min(wanted, balance.quantity)
        post_movement(actor, order.from_depot, balance.batch, MovementKind.TRANSFER_OUT, -take, transfer=order,
                      reason=order.reason, reference=_("Transfer %s") % order.pk)
        wanted -= take
        if not wanted:
            return
    raise Conflict(_("%(depot)s lacks %(qty)s %(uom)s of usable %(item)s for this transfer.")
                   % {"depot": order.from_depot, "qty": wanted, "uom": line.item.unit_of_measure,
                      "item": line.item.name},
                   code="insufficient_stock", fields={"lines": [line.item.name]})


@TRANSFER_FLOW.entry("receive")
@transaction.atomic
def do_receive_transfer(actor, order: TransferOrder) -> TransferOrder:
    """The receiving depot books in exactly the batches that were shipped."""
    def book_in(locked):
        shipped = (locked.movements.filter(kind=MovementKind.TRANSFER_OUT).select_related("batch__item")
                   .order_by("item_id", "id"))
        for out in shipped:
            post_movement(actor, locked.to_depot, out.batch, MovementKind.TRANSFER_IN, -out.quantity, transfer=locked,
                          reason=locked.reason, reference=_("Transfer %s") % locked.pk)

    return TRANSFER_FLOW.take(actor, order, "receive", prepare=book_in)
