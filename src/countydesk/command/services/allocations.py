"""Allocations of depot stock to an incident's scene (物资调配), through the supplies ledger: allocating reserves
the stock (a supplies StockHold per line), shipping posts the movements out of the depot, deliveries may come in
parts, closing returns the unused stock into the batches it left from; cancelling releases the reservation."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.audit.services import record, snapshot
from countydesk.base.errors import ValidationFailed
from countydesk.base.services import validated_save
from countydesk.core.events import publish
from countydesk.incidents.choices import OPEN_STATUSES
from countydesk.registry.supplies.services import hold_stock, release_hold, return_to_depot, ship_hold

from ..models import Allocation, AllocationLine, AllocationStatus
from .reach import require_incident
from .stock_flows import ALLOCATION_FLOW

TOPIC = "command.stock"


def _reference(allocation) -> str:
    return _("Allocation %s") % allocation.pk


@transaction.atomic
def do_allocate(actor, incident, depot, lines: list[tuple], destination: str = "", note: str = "") -> Allocation:
    """Reserve `lines` [(item, quantity)] of `depot` for `incident`; more than the free balance is a 422 naming
    the item, the depot and its free balance, and nothing is kept."""
    require(actor, "command.allocate")
    require_incident(actor, incident)
    if incident.status not in OPEN_STATUSES:
        raise ValidationFailed(_("The incident is closed."), fields={"incident_id": [_("Not open.")]})
    if not lines:
        raise ValidationFailed(_("An allocation needs at least one item."), fields={"lines": [_("Add an item.")]})
    if len({item.pk for item, _quantity in lines}) != len(lines):
        raise ValidationFailed(_("Each item once per allocation."), fields={"lines": [_("An item is repeated.")]})
    allocation = validated_save(Allocation(incident=incident, depot=depot, destination=destination, note=note,
                                           created_by=actor if getattr(actor, "pk", None) else None))
    for item, quantity in sorted(lines, key=lambda line: line[0].pk):  # one lock order: no deadlocks
        hold = hold_stock(depot, item, Decimal(quantity), _reference(allocation), field="lines")
        AllocationLine.objects.create(allocation=allocation, item=item, hold=hold, reserved=hold.quantity)
    record(actor, "allocation.create", allocation, after=snapshot(allocation) | {"lines": _lines(allocation)},
           unit=incident.township)
    _announce(allocation)
    return allocation


def _lines(allocation) -> list[list[str]]:
    return [[line.item_id, str(line.reserved), str(line.shipped), str(line.delivered), str(line.returned)]
            for line in allocation.lines.all()]


def _announce(allocation):
    publish(TOPIC, {"kind": "allocation", "id": allocation.pk, "incident": allocation.incident_id,
                    "status": allocation.status}, unit=allocation.incident.township)


@ALLOCATION_FLOW.entry("ship")
@transaction.atomic
def do_ship(actor, allocation: Allocation) -> Allocation:
    """The depot ships everything reserved: the hold becomes allocation-out movements (first expiring first out)."""
    def ship(locked):
        for line in locked.lines.select_related("hold__depot", "hold__item").order_by("item_id"):
            ship_hold(actor, line.hold, line.reserved, _reference(locked), reason=locked.incident.title)
            line.shipped = line.reserved
            line.save(update_fields=["shipped"])
        return {"shipped_at": timezone.now()}

    ALLOCATION_FLOW.take(actor, allocation, "ship", prepare=ship)
    _announce(allocation)
    return allocation


@ALLOCATION_FLOW.entry("deliver")
@transaction.atomic
def do_deliver(actor, allocation: Allocation, quantities: dict | None = None) -> Allocation:
    """Record what arrived at the scene, {item_id: quantity} (default: everything still in transit); the
    allocation is delivered once all that was shipped has arrived, partly delivered until then."""
    require(actor, "command.allocate")
    _lock(actor, allocation)
    if allocation.status not in (AllocationStatus.SHIPPED, AllocationStatus.PARTLY_DELIVERED):
        return ALLOCATION_FLOW.take(actor, allocation, "deliver")  # the 409 naming the allowed states
    lines = list(allocation.lines.all())
    amounts = _amounts(lines, quantities, lambda line: line.in_transit, "quantities", at_least_one=True)
    complete = all(line.delivered + amounts[line.pk] == line.shipped for line in lines)

    def deliver(locked):
        for line in lines:
            if amounts[line.pk]:
                line.delivered += amounts[line.pk]
                line.save(update_fields=["delivered"])
        return {"delivered_at": timezone.now()} if complete else {}

    ALLOCATION_FLOW.take(actor, allocation, "deliver" if complete else "deliver_part", prepare=deliver,
                         audit={"delivered": {str(line.item_id): str(amounts[line.pk]) for line in lines}})
    _announce(allocation)
    return allocation


@ALLOCATION_FLOW.entry("return")
@transaction.atomic
def do_return(actor, allocation: Allocation, quantities: dict | None = None) -> Allocation:
    """Close the allocation, booking the unused stock {item_id: quantity} back into the depot (the batches it left
    from); what is not returned was used at the scene."""
    require(actor, "command.allocate")
    _lock(actor, allocation)
    if allocation.status not in (AllocationStatus.PARTLY_DELIVERED, AllocationStatus.DELIVERED):
        return ALLOCATION_FLOW.take(actor, allocation, "return")
    lines = list(allocation.lines.select_related("hold__depot", "hold__item").order_by("item_id"))
    amounts = _amounts(lines, quantities or {}, lambda line: line.shipped - line.returned, "quantities")

    def book_in(locked):
        for line in lines:
            if amounts[line.pk]:
                return_to_depot(actor, line.hold, amounts[line.pk], _reference(locked), reason=_("Unused, returned"))
                line.returned += amounts[line.pk]
                line.save(update_fields=["returned"])
        return {"closed_at": timezone.now()}

    ALLOCATION_FLOW.take(actor, allocation, "return", prepare=book_in,
                         audit={"returned": {str(line.item_id): str(amounts[line.pk]) for line in lines}})
    _announce(allocation)
    return allocation


@ALLOCATION_FLOW.entry("cancel")
@transaction.atomic
def do_cancel(actor, allocation: Allocation) -> Allocation:
    """Cancel a reserved allocation: its stock is free again."""
    def release(locked):
        for line in locked.lines.select_related("hold__depot", "hold__item").order_by("item_id"):
            release_hold(line.hold)
        return {"closed_at": timezone.now()}

    ALLOCATION_FLOW.take(actor, allocation, "cancel", prepare=release)
    _announce(allocation)
    return allocation


def _lock(actor, allocation):
    require_incident(actor, allocation.incident)
    allocation.refresh_from_db(from_queryset=Allocation.objects.select_for_update())


def _amounts(lines, quantities, limit, field: str, at_least_one: bool = False) -> dict[int, Decimal]:
    """{line id: quantity} from {item_id: quantity} (None: each line's whole `limit`), each within 0 … limit."""
    by_item = {line.item_id: line for line in lines}
    if quantities is None:
        amounts = {line.pk: limit(line) for line in lines}
    else:
        unknown = [str(item_id) for item_id in quantities if int(item_id) not in by_item]
        if unknown:
            raise ValidationFailed(_("These items are not in the allocation: %s") % ", ".join(unknown),
                                   fields={field: [_("Unknown item.")]})
        amounts = {line.pk: Decimal(0) for line in lines}
        for item_id, quantity in quantities.items():
            line, quantity = by_item[int(item_id)], Decimal(quantity)
            if quantity < 0 or quantity > limit(line):
                raise ValidationFailed(_("%(item)s: between 0 and %(most)s.")
                                       % {"item": line.item.name, "most": f"{limit(line).normalize():f}"},
                                       fields={field: [line.item.name]})
            amounts[line.pk] = quantity
    if at_least_one and not any(amounts.values()):
        raise ValidationFailed(_("Enter the quantity that arrived."), fields={field: [_("Nothing entered.")]})
    return amounts
