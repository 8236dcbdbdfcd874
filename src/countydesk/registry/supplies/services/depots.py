"""Depots (储备库) and their reserve quotas (储备定额)."""

from decimal import Decimal

from django.db import transaction

from countydesk.audit.services import changed_fields, record, snapshot
from countydesk.base.services import apply_changes, validated_save

from ..models import Depot, Item, ReserveQuota
from .common import require_depot, require_unit

DEPOT_FIELDS = {"name", "kind", "unit", "address", "lat", "lon", "manager", "phone", "active"}


@transaction.atomic
def do_create_depot(actor, **fields) -> Depot:
    depot = Depot()
    apply_changes(depot, fields, DEPOT_FIELDS)
    require_unit(actor, depot.unit)
    validated_save(depot)
    record(actor, "depot.create", depot, after=snapshot(depot), unit=depot.unit)
    return depot


@transaction.atomic
def do_update_depot(actor, depot: Depot, **changes) -> Depot:
    depot = Depot.objects.select_for_update().get(pk=depot.pk)
    require_depot(actor, depot)
    before = snapshot(depot)
    apply_changes(depot, changes, DEPOT_FIELDS)
    require_depot(actor, depot)  # moving a depot to another unit needs authority there too
    validated_save(depot)
    old, new = changed_fields(before, snapshot(depot))
    if new:
        record(actor, "depot.update", depot, before=old, after=new, unit=depot.unit)
    return depot


@transaction.atomic
def do_set_quota(actor, depot: Depot, item: Item, quantity: Decimal) -> ReserveQuota:
    require_depot(actor, depot)
    quota = ReserveQuota.objects.select_for_update().filter(depot=depot, item=item).first()
    before = snapshot(quota) if quota else None
    quota = quota or ReserveQuota(depot=depot, item=item)
    quota.quantity = Decimal(quantity)
    validated_save(quota)
    record(actor, "quota.set", quota, before=before, after=snapshot(quota), unit=depot.unit)
    return quota
