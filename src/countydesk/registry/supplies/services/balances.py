"""Free balances (可用库存) of catalogue items per depot, for decision support and allocation checks."""

from decimal import Decimal

from ..models import StockLevel


def free_balances(item_ids) -> dict[tuple[int, int], Decimal]:
    """{(depot_id, item_id): free quantity} of the given items in active depots, only where it is above zero.
    Free = on hand (the StockLevel rows the writers keep); once stock can be reserved, reservations are
    subtracted here so that every reader of free stock sees the same figure. One query."""
    rows = (StockLevel.objects.filter(item_id__in=list(item_ids), quantity__gt=0, depot__active=True).order_by()
            .values_list("depot_id", "item_id", "quantity"))
    return {(depot, item): quantity for depot, item, quantity in rows}
