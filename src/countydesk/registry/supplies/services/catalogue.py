"""The supplies catalogue (GB/T 38565 items): county-wide, kept by the emergency office."""

from django.db import transaction

from countydesk.accounts.scoping import require
from countydesk.audit.services import changed_fields, record, snapshot
from countydesk.base.services import apply_changes, validated_save

from ..models import Item

ITEM_FIELDS = {"code", "name", "category", "unit_of_measure", "shelf_life_days", "is_equipment", "active"}


@transaction.atomic
def do_create_item(actor, **fields) -> Item:
    require(actor, "supplies.manage")
    item = Item()
    apply_changes(item, fields, ITEM_FIELDS)
    validated_save(item)
    record(actor, "supply_item.create", item, after=snapshot(item))
    return item


@transaction.atomic
def do_update_item(actor, item: Item, **changes) -> Item:
    require(actor, "supplies.manage")
    item = Item.objects.select_for_update().get(pk=item.pk)
    before = snapshot(item)
    apply_changes(item, changes, ITEM_FIELDS)
    validated_save(item)
    old, new = changed_fields(before, snapshot(item))
    if new:
        record(actor, "supply_item.update", item, before=old, after=new)
    return item
