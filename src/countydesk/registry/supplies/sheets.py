"""The supplies databases in Excel (导入导出): columns, services and records for the registry sheets kit."""

from django.utils.translation import gettext_lazy as _

from countydesk.registry.sheets.kit import Col, LOCATION, day, decimal, lookup, register_database, related, scoped, unit, whole, yes_no

from . import services as supplies
from .choices import DepotKind, EntryKind
from .models import BatchBalance, Category, Depot, Item


register_database(
    "depots", label=_("Supplies depots"), list_url="/supplies/", create=supplies.do_create_depot,
    update=supplies.do_update_depot, find=lambda f: Depot.objects.filter(name=f.get("name", "")).first(),
    permissions=("supplies.manage", "supplies.manage_own"), owner_field="unit",
    columns=[
        Col(_("Depot"), "name", required=True), Col.of_choice(_("Kind"), "kind", DepotKind, aliases=(_("Kind (code)"),)),
        Col(_("Owning unit"), "unit", unit, related("unit")), *LOCATION, Col(_("Manager"), "manager"),
        Col(_("Phone"), "phone"), Col(_("Active"), "active", yes_no),
    ],
    queryset=lambda: Depot.objects.select_related("unit").order_by("pk"), visible=scoped(),
)


register_database(
    "supplies", label=_("Supplies catalogue"), list_url="/supplies/catalogue/", create=supplies.do_create_item,
    update=supplies.do_update_item, find=lambda f: Item.objects.filter(code=f.get("code", "")).first(),
    permissions=("supplies.manage",),
    columns=[
        Col(_("Code"), "code", required=True), Col(_("Supply item"), "name"),
        Col(_("Category code"), "category", lookup(lambda: Category.objects.all(), "code", _("Unknown category %s.")),
            related("category", "code")),
        Col(_("Unit of measure"), "unit_of_measure"), Col(_("Shelf life (days)"), "shelf_life_days", whole),
        Col(_("Equipment"), "is_equipment", yes_no), Col(_("Active"), "active", yes_no),
    ],
    queryset=lambda: Item.objects.select_related("category").order_by("code"),
)


def _receive(actor, **fields):
    return supplies.do_record_entry(actor, kind=EntryKind.RECEIPT, **fields)


# Stock is an append-only ledger: its export is the balances (ID: the batch balance). A row with an
# empty ID is a new receipt; a row with an ID is left as it is, and a changed one is refused.


register_database(
    "stock", label=_("Stock receipts"), list_url="/supplies/", create=_receive,
    refuse_changes=_("The stock ledger is append-only: a balance is not edited here. Record a stock-take "
                     "adjustment for this batch on the depot's page, or leave the ID empty to record a new receipt."),
    permissions=("supplies.manage", "supplies.manage_own"), owner_field="depot",
    columns=[
        Col(_("Depot"), "depot", lookup(lambda: Depot.objects.select_related("unit"), "name", _("Unknown depot %s.")),
            related("depot"), required=True),
        Col(_("Item code"), "item", lookup(lambda: Item.objects.all(), "code", _("Unknown item code %s.")),
            related("item", "code"), required=True),
        Col(_("Batch number"), "batch_no", write=lambda b: b.batch.batch_no),
        Col(_("Production date"), "production_date", day, lambda b: b.batch.production_date),
        Col(_("Expiry date"), "expiry_date", day, lambda b: b.batch.expiry_date),
        Col(_("Quantity"), "quantity", decimal, required=True), Col(_("Reference"), "reference", write=lambda b: ""),
    ],
    extras=[Col(_("Supply item"), "item_name", write=lambda b: b.item.name),
            Col(_("Unit of measure"), "unit_of_measure", write=lambda b: b.item.unit_of_measure)],
    queryset=lambda: BatchBalance.objects.filter(quantity__gt=0).select_related("depot", "item", "batch")
    .order_by("depot__name", "item__code", "batch__batch_no"),
    visible=scoped("depot__unit"),
)
