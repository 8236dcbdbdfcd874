"""Allocations (物资调配) of depot stock to an incident's scene: reserved → shipped → (partly) delivered → closed
with unused stock returned, or cancelled; each line holds its stock through a supplies reservation (StockHold)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

QUANTITY = {"max_digits": 14, "decimal_places": 3, "default": 0}

__all__ = ["Allocation", "AllocationLine", "AllocationStatus"]


class AllocationStatus(models.TextChoices):
    RESERVED = "reserved", _("Reserved")
    SHIPPED = "shipped", _("Shipped")
    PARTLY_DELIVERED = "partly_delivered", _("Partly delivered")
    DELIVERED = "delivered", _("Delivered")
    CLOSED = "closed", _("Closed (unused stock returned)")
    CANCELLED = "cancelled", _("Cancelled")


class Allocation(models.Model):
    """Supplies from one depot for one incident's scene (调配单)."""

    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="allocations",
                                 verbose_name=_("incident"))
    depot = models.ForeignKey("supplies.Depot", on_delete=models.PROTECT, related_name="allocations",
                              verbose_name=_("depot"))
    status = models.CharField(_("status"), max_length=20, choices=AllocationStatus.choices,
                              default=AllocationStatus.RESERVED)
    destination = models.CharField(_("destination"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("allocated by"))
    created_at = models.DateTimeField(_("allocated at"), auto_now_add=True)
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")

    def __str__(self):
        return _("Allocation %(id)s: %(depot)s → %(incident)s") % {"id": self.pk, "depot": self.depot,
                                                                   "incident": self.incident.title}


class AllocationLine(models.Model):
    """One item of an allocation and how far it has come: reserved ≥ shipped ≥ delivered; returned ≤ shipped."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey("supplies.Item", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("supply item"))
    hold = models.OneToOneField("supplies.StockHold", on_delete=models.PROTECT, related_name="allocation_line")
    reserved = models.DecimalField(_("reserved"), **QUANTITY, validators=[MinValueValidator(0.001)])
    shipped = models.DecimalField(_("shipped"), **QUANTITY)
    delivered = models.DecimalField(_("delivered"), **QUANTITY)
    returned = models.DecimalField(_("returned"), **QUANTITY)

    class Meta:
        ordering = ["id"]
        verbose_name = _("allocation line")
        verbose_name_plural = _("allocation lines")
        constraints = [
            models.UniqueConstraint(fields=["allocation", "item"], name="allocation_item_once"),
            models.CheckConstraint(condition=Q(shipped__lte=models.F("reserved"))
                                   & Q(delivered__lte=models.F("shipped")) & Q(returned__lte=models.F("shipped"))
                                   & Q(delivered__gte=0) & Q(returned__gte=0), name="allocation_line_in_order"),
        ]

    @property
    def in_transit(self):
        return self.shipped - self.delivered
