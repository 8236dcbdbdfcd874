"""Requisitions (征用) of property for an emergency and their compensation (补偿): requisition first, the written
decision (征用决定书) within the rule's hours, condition before use, return against the list with the condition
after use, damage or loss certified, compensation computed (depreciation for loss, repair cost where repairable)
and paid: due → approved → paid."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from countydesk.base.rules import NumberRule

MONEY = {"max_digits": 12, "decimal_places": 2}

__all__ = ["OwnerKind", "Requisition", "RequisitionLine", "RequisitionRule", "RequisitionStatus", "LineOutcome",
           "PaymentStatus"]


class OwnerKind(models.TextChoices):
    PERSON = "person", _("Person")
    COMPANY = "company", _("Company or organisation")


class RequisitionStatus(models.TextChoices):
    IN_USE = "in_use", _("In use")
    RETURNED = "returned", _("Returned")


class PaymentStatus(models.TextChoices):
    NONE = "none", _("No compensation owed")
    DUE = "due", _("Compensation due")
    APPROVED = "approved", _("Compensation approved")
    PAID = "paid", _("Compensation paid")


class LineOutcome(models.TextChoices):
    INTACT = "intact", _("Returned intact")
    DAMAGED = "damaged", _("Damaged, repairable")
    LOST = "lost", _("Lost or destroyed")


class Requisition(models.Model):
    """Property of a person or company requisitioned for an incident (征用)."""

    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="requisitions",
                                 verbose_name=_("incident"))
    owner_name = models.CharField(_("owner"), max_length=100)
    owner_kind = models.CharField(_("owner kind"), max_length=10, choices=OwnerKind.choices)
    owner_contact = models.CharField(_("owner contact"), max_length=100)
    owner_id_code = models.CharField(_("ID number or credit code"), max_length=30)
    purpose = models.CharField(_("purpose"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=RequisitionStatus.choices,
                              default=RequisitionStatus.IN_USE)
    payment_status = models.CharField(_("compensation"), max_length=10, choices=PaymentStatus.choices,
                                      default=PaymentStatus.NONE)
    requisitioned_at = models.DateTimeField(_("requisitioned at"))
    requisitioned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+", verbose_name=_("requisitioned by"))
    paperwork_due_at = models.DateTimeField(_("decision due by"), db_index=True)
    decided_at = models.DateTimeField(_("decision issued at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("decision issued by"))
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    certified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("damage certified by"))
    compensation = models.DecimalField(_("compensation (yuan)"), **MONEY, default=0)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        ordering = ["-requisitioned_at", "-id"]
        verbose_name = _("requisition")
        verbose_name_plural = _("requisitions")

    def __str__(self):
        return _("Requisition %(id)s from %(owner)s") % {"id": self.pk, "owner": self.owner_name}

    @property
    def paperwork_open(self) -> bool:
        return self.decided_at is None


class RequisitionLine(models.Model):
    """One requisitioned thing: its value and condition before use; after the return its condition, outcome
    (certified), repair cost and the compensation computed for it."""

    requisition = models.ForeignKey(Requisition, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(_("description"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0.01)])
    condition_before = models.CharField(_("condition before use"), max_length=200)
    value = models.DecimalField(_("value (yuan)"), **MONEY, validators=[MinValueValidator(0)])
    age_years = models.PositiveSmallIntegerField(_("age (years)"), default=0)
    condition_after = models.CharField(_("condition after use"), max_length=200, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=LineOutcome.choices, blank=True)
    repair_cost = models.DecimalField(_("repair cost (yuan)"), **MONEY, default=0, validators=[MinValueValidator(0)])
    compensation = models.DecimalField(_("compensation (yuan)"), **MONEY, default=0)

    class Meta:
        ordering = ["id"]
        verbose_name = _("requisitioned item")
        verbose_name_plural = _("requisitioned items")


class RequisitionRule(NumberRule):
    """Numbers of requisition and compensation (征用补偿规则): hours to issue the decision, depreciation per year."""

    class Meta(NumberRule.Meta):
        verbose_name = _("requisition rule")
        verbose_name_plural = _("requisition rules")
