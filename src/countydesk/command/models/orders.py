"""Dispatch orders (调度令): a team (and experts) ordered to an incident's scene, each transition kept with its time
and actor (OrderEvent), and the rule table of their limits (调度令规则)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from countydesk.base.rules import NumberRule

__all__ = ["OrderStatus", "OPEN_ORDER_STATUSES", "DispatchOrder", "OrderEvent", "OrderRule"]


class OrderStatus(models.TextChoices):
    ISSUED = "issued", pgettext_lazy("dispatch order", "Issued")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    DEPARTED = "departed", _("Departed")
    ON_SCENE = "on_scene", _("On scene")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", pgettext_lazy("dispatch order", "Cancelled")


OPEN_ORDER_STATUSES = (OrderStatus.ISSUED, OrderStatus.ACKNOWLEDGED, OrderStatus.DEPARTED, OrderStatus.ON_SCENE)


class DispatchOrder(models.Model):
    """One order (调度令) sending a team, with experts if any, to an incident."""

    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="dispatch_orders",
                                 verbose_name=_("incident"))
    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="dispatch_orders",
                             verbose_name=_("team"))
    experts = models.ManyToManyField("teams.Expert", blank=True, related_name="dispatch_orders",
                                     verbose_name=_("experts"))
    task = models.TextField(_("task"), max_length=2000)
    destination = models.CharField(_("destination"), max_length=300, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True,
                            validators=[MinValueValidator(-90), MaxValueValidator(90)])
    lon = models.FloatField(_("longitude"), null=True, blank=True,
                            validators=[MinValueValidator(-180), MaxValueValidator(180)])
    status = models.CharField(_("status"), max_length=12, choices=OrderStatus.choices, default=OrderStatus.ISSUED)
    issued_at = models.DateTimeField(pgettext_lazy("dispatch order", "issued at"), db_index=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=pgettext_lazy("dispatch order", "issued by"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    departed_at = models.DateTimeField(_("departed at"), null=True, blank=True)
    on_scene_at = models.DateTimeField(_("on scene at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("declined or cancelled at"), null=True, blank=True)
    reason = models.CharField(pgettext_lazy("dispatch order", "reason"), max_length=300, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("dispatch order")
        verbose_name_plural = _("dispatch orders")
        indexes = [models.Index(fields=["status", "issued_at"]), models.Index(fields=["team", "status"])]

    def __str__(self):
        return f"{self.number} {self.team}" if self.team_id else self.number

    @property
    def number(self) -> str:
        return _("Order %(n)s") % {"n": f"{self.issued_at:%Y}-{self.pk:04d}"} if self.pk else ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ORDER_STATUSES


class OrderEvent(models.Model):
    """One step of an order (its issue, each transition, its escalation) with its time and actor."""

    order = models.ForeignKey(DispatchOrder, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"))
    kind = models.CharField(_("step"), max_length=20)
    status = models.CharField(_("status"), max_length=12, choices=OrderStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_name = models.CharField(max_length=150, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("order step")
        verbose_name_plural = _("order steps")


class OrderRule(NumberRule):
    """Limits of dispatch orders (调度令时限), e.g. minutes to acknowledge before the order escalates."""

    class Meta(NumberRule.Meta):
        verbose_name = _("dispatch order rule")
        verbose_name_plural = _("dispatch order rules")
