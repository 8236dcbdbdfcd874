"""Supplies and equipment (物资装备库): the GB/T 38565 catalogue, depots, an append-only stock ledger,
reserve quotas, transfer orders and census campaigns.

Stock invariant: for every depot × batch, BatchBalance.quantity == sum of StockMovement.quantity and
is never negative; StockLevel (depot × item) is the row writers lock and holds the item total.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from countydesk.orgs.models import Unit, validate_phone

from .choices import CampaignStatus, DepotKind, MovementKind, RuleKey, TransferStatus, WarningKind

QUANTITY = {"max_digits": 14, "decimal_places": 3}
CATEGORY_CODE = RegexValidator(r"^(\d|\d{3}|\d{5})$", _("A category code has 1, 3 or 5 digits."))
ITEM_CODE = RegexValidator(r"^\d{7}$", _("An item code (GB/T 38565) has 7 digits."))
LEVEL_ONE_CLASSES = "123"  # GB/T 38565-2020 大类: 1 生活保障, 2 应急装备, 3 工程材料与机械加工设备


def validate_gbt38565_levels(code: str) -> None:
    """Each level of a GB/T 38565 code (分类编码) is a real class: level 1 is 1–3, levels 2–4 are 01–99."""
    if not code.isdigit():
        return  # the length validators name the wrong shape
    if code[0] not in LEVEL_ONE_CLASSES:
        raise ValidationError(_("Level 1 of a GB/T 38565 code is 1, 2 or 3, not “%(digit)s”."),
                              code="gbt38565_level1", params={"digit": code[0]})
    for level, start in enumerate(range(1, len(code), 2), start=2):
        if code[start:start + 2] == "00":
            raise ValidationError(_("Level %(level)d of a GB/T 38565 code is 01–99, not “00”."),
                                  code="gbt38565_level", params={"level": level})


class Category(models.Model):
    """Levels 1–3 of GB/T 38565-2020 (大类、中类、小类); level 4 are the items."""

    code = models.CharField(_("code"), max_length=5, unique=True, validators=[CATEGORY_CODE, validate_gbt38565_levels])
    name = models.CharField(_("name"), max_length=60)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("parent category"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def level(self) -> int:
        return (len(self.code) + 1) // 2


class Item(models.Model):
    """An item of the catalogue (细类, 7-digit code) with its unit of measure and shelf life."""

    code = models.CharField(_("code"), max_length=7, unique=True, validators=[ITEM_CODE, validate_gbt38565_levels])
    name = models.CharField(_("name"), max_length=60)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="items", verbose_name=_("category"))
    unit_of_measure = models.CharField(_("unit of measure"), max_length=10)
    shelf_life_days = models.PositiveIntegerField(_("shelf life (days)"), null=True, blank=True)
    is_equipment = models.BooleanField(_("equipment"), default=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("supply item")
        verbose_name_plural = _("supply items")

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        if self.category_id and not self.code.startswith(self.category.code):
            raise ValidationError({"code": _("The item code must start with its category code.")})


class Depot(models.Model):
    """A reserve depot (储备库) of a unit: government, enterprise or agreement reserve (协议储备)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DepotKind.choices, default=DepotKind.GOVERNMENT)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="depots", verbose_name=_("owning unit"))
    address = models.CharField(_("address"), max_length=200)
    lat = models.FloatField(_("latitude"), null=True, blank=True,
                            validators=[MinValueValidator(-90), MaxValueValidator(90)])
    lon = models.FloatField(_("longitude"), null=True, blank=True,
                            validators=[MinValueValidator(-180), MaxValueValidator(180)])
    manager = models.CharField(_("manager"), max_length=50)
    phone = models.CharField(_("phone"), max_length=30, validators=[validate_phone])
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["unit__path", "name"]
        verbose_name = _("depot")
        verbose_name_plural = _("depots")

    def __str__(self):
        return self.name

    def clean(self):
        if (self.lat is None) != (self.lon is None):
            raise ValidationError({"lat": _("Give both latitude and longitude, or neither.")})


class Batch(models.Model):
    """A production batch of an item (批次); it keeps its identity when moved between depots."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="batches", verbose_name=_("supply item"))
    batch_no = models.CharField(_("batch number"), max_length=40)
    production_date = models.DateField(_("production date"), null=True, blank=True)
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["item__code", "expiry_date", "batch_no"]
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        constraints = [models.UniqueConstraint(fields=["item", "batch_no"], name="batch_unique_per_item")]

    def __str__(self):
        return f"{self.item.name} {self.batch_no}"

    def clean(self):
        if self.production_date and self.expiry_date and self.expiry_date < self.production_date:
            raise ValidationError({"expiry_date": _("A batch cannot expire before it was produced.")})


class StockLevel(models.Model):
    """Cached total of one item in one depot; the row every writer of that depot × item locks first."""

    depot = models.ForeignKey(Depot, on_delete=models.PROTECT, related_name="levels")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="levels")
    quantity = models.DecimalField(**QUANTITY, default=0)
    reserved = models.DecimalField(_("reserved"), **QUANTITY, default=0)  # the sum of the open StockHolds

    class Meta:
        verbose_name = _("stock level")
        verbose_name_plural = _("stock levels")
        constraints = [
            models.UniqueConstraint(fields=["depot", "item"], name="stock_level_unique"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="stock_level_not_negative"),
            models.CheckConstraint(condition=Q(reserved__gte=0) & Q(reserved__lte=models.F("quantity")),
                                   name="stock_level_reserved_within_stock"),
        ]


class BatchBalance(models.Model):
    """Cached balance of one batch in one depot: the sum of its movements, never below zero."""

    depot = models.ForeignKey(Depot, on_delete=models.PROTECT, related_name="balances")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="balances")
    quantity = models.DecimalField(_("quantity"), **QUANTITY, default=0)

    class Meta:
        verbose_name = _("batch balance")
        verbose_name_plural = _("batch balances")
        ordering = ["item__code", "batch__expiry_date", "batch__batch_no"]
        constraints = [
            models.UniqueConstraint(fields=["depot", "batch"], name="batch_balance_unique"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="batch_balance_not_negative"),
        ]
        indexes = [models.Index(fields=["depot", "item"])]


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("stock movements are append-only")

    def delete(self):
        raise TypeError("stock movements are append-only")


class StockMovement(models.Model):
    """One line of the ledger (出入库台账). Never edited or deleted: corrections are new movements."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    depot = models.ForeignKey(Depot, on_delete=models.PROTECT, related_name="movements", verbose_name=_("depot"))
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="movements", verbose_name=_("supply item"))
    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="movements", verbose_name=_("batch"))
    kind = models.CharField(_("kind"), max_length=20, choices=MovementKind.choices)
    quantity = models.DecimalField(_("quantity"), **QUANTITY, help_text=_("Signed: positive in, negative out."))
    unit_of_measure = models.CharField(_("unit of measure"), max_length=10)
    balance_after = models.DecimalField(_("batch balance after"), **QUANTITY)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("recorded by"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    transfer = models.ForeignKey("TransferOrder", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="movements", verbose_name=_("transfer order"))
    census_upload = models.ForeignKey("CensusUpload", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="movements", verbose_name=_("census upload"))
    hold = models.ForeignKey("StockHold", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="movements", verbose_name=_("reservation"))

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        indexes = [models.Index(fields=["depot", "-at"]), models.Index(fields=["depot", "batch"])]
        constraints = [models.CheckConstraint(condition=~Q(quantity=0), name="movement_not_zero")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.item.name} {self.quantity}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("stock movements are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("stock movements are append-only")


class StockHold(models.Model):
    """A reservation (预留) of an item in a depot for someone who will take it (an allocation to a scene):
    `quantity` is what it still holds. Free balance = on hand − the sum of the holds (StockLevel.reserved);
    issues, transfers and write-offs cannot take held stock."""

    depot = models.ForeignKey(Depot, on_delete=models.PROTECT, related_name="holds", verbose_name=_("depot"))
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="holds", verbose_name=_("supply item"))
    quantity = models.DecimalField(_("held"), **QUANTITY, default=0)
    reference = models.CharField(_("reference"), max_length=60)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        constraints = [models.CheckConstraint(condition=Q(quantity__gte=0), name="stock_hold_not_negative")]
        indexes = [models.Index(fields=["depot", "item"])]

    def __str__(self):
        return f"{self.reference}: {self.item.name} {self.quantity}"


class ReserveQuota(models.Model):
    """How much of an item a depot must hold (储备定额)."""

    depot = models.ForeignKey(Depot, on_delete=models.PROTECT, related_name="quotas", verbose_name=_("depot"))
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="quotas", verbose_name=_("supply item"))
    quantity = models.DecimalField(_("quota"), **QUANTITY, validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["depot__name", "item__code"]
        verbose_name = _("reserve quota")
        verbose_name_plural = _("reserve quotas")
        constraints = [models.UniqueConstraint(fields=["depot", "item"], name="quota_unique")]

    def __str__(self):
        return f"{self.depot} · {self.item.name} ≥ {self.quantity}"


# Explicit state machine of transfer orders (调拨单). Emergency deliveries (紧急配送) may be dispatched
# before approval: act first, complete the paperwork afterwards.


class TransferOrder(models.Model):
    """A transfer (调拨) of items from one depot to another."""

    from_depot = models.ForeignKey(Depot, on_delete=models.PROTECT, related_name="transfers_out",
                                   verbose_name=_("from depot"))
    to_depot = models.ForeignKey(Depot, on_delete=models.PROTECT, related_name="transfers_in",
                                 verbose_name=_("to depot"))
    status = models.CharField(_("status"), max_length=20, choices=TransferStatus.choices,
                              default=TransferStatus.REQUESTED)
    emergency = models.BooleanField(_("emergency delivery"), default=False)
    reason = models.CharField(_("reason"), max_length=200)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-emergency", "-requested_at", "-id"]
        verbose_name = _("transfer order")
        verbose_name_plural = _("transfer orders")
        constraints = [models.CheckConstraint(condition=~Q(from_depot=models.F("to_depot")),
                                              name="transfer_between_two_depots")]

    def __str__(self):
        return _("Transfer %(id)s: %(src)s → %(dst)s") % {"id": self.pk, "src": self.from_depot, "dst": self.to_depot}


class TransferLine(models.Model):
    order = models.ForeignKey(TransferOrder, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+", verbose_name=_("supply item"))
    quantity = models.DecimalField(_("quantity"), **QUANTITY, validators=[MinValueValidator(0.001)])

    class Meta:
        verbose_name = _("transfer line")
        verbose_name_plural = _("transfer lines")
        ordering = ["id"]


class CensusCampaign(models.Model):
    """A county-wide census of supplies and equipment (应急物资普查)."""

    title = models.CharField(_("title"), max_length=100)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.OPEN)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("census campaign")
        verbose_name_plural = _("census campaigns")

    def __str__(self):
        return self.title


class CensusUpload(models.Model):
    """One uploaded census workbook of a unit, its validation report and, once imported, its receipts."""

    campaign = models.ForeignKey(CensusCampaign, on_delete=models.PROTECT, related_name="uploads")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    filename = models.CharField(_("file"), max_length=200)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    errors = models.JSONField(_("errors"), default=list)  # [{"row": n, "column": name, "message": text}]
    good_rows = models.JSONField(default=list)  # the valid rows, normalised, ready to import
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    imported_rows = models.PositiveIntegerField(_("imported rows"), default=0)
    depot = models.ForeignKey(Depot, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("census upload")
        verbose_name_plural = _("census uploads")
        ordering = ["-uploaded_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], condition=Q(imported_at__isnull=False),
                                               name="census_one_import_per_unit")]

    @property
    def clean_file(self) -> bool:
        return not self.errors


class SupplyRule(models.Model):
    """Domain numbers of the supplies chapter, editable by administrators."""

    key = models.CharField(_("rule"), max_length=40, choices=RuleKey.choices, unique=True)
    value = models.PositiveIntegerField(_("value"))

    class Meta:
        verbose_name = _("supplies rule")
        verbose_name_plural = _("supplies rules")

    def __str__(self):
        return f"{self.get_key_display()}: {self.value}"


class ExpiryWarning(models.Model):
    """A batch found expiring or expired by the daily check (临期/过期预警)."""

    on = models.DateField(_("date"))
    depot = models.ForeignKey(Depot, on_delete=models.PROTECT, related_name="+", verbose_name=_("depot"))
    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="+", verbose_name=_("batch"))
    kind = models.CharField(_("kind"), max_length=10, choices=WarningKind.choices)
    quantity = models.DecimalField(_("quantity"), **QUANTITY)

    class Meta:
        verbose_name = _("expiry warning")
        verbose_name_plural = _("expiry warnings")
        ordering = ["-on", "batch__expiry_date"]
        constraints = [models.UniqueConstraint(fields=["on", "depot", "batch"], name="expiry_warning_once_a_day")]
