"""Emergency responses (应急响应): a plan activated for an incident at a level, its level changes (响应升级/降级)
and its termination (响应终止), each with its own time and actor."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from countydesk.registry.plans.choices import ResponseLevel

__all__ = ["ResponseStatus", "Response", "ResponseLevelChange"]


class ResponseStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    TERMINATED = "terminated", _("Terminated")


class Response(models.Model):
    """One activation of a plan (启动响应) for an incident; one active response per incident and plan."""

    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="responses",
                                 verbose_name=_("incident"))
    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="activations", verbose_name=_("plan"))
    level = models.CharField(_("response level"), max_length=3, choices=ResponseLevel.choices)
    status = models.CharField(_("status"), max_length=12, choices=ResponseStatus.choices,
                              default=ResponseStatus.ACTIVE, db_index=True)
    reason = models.TextField(_("reason"), blank=True)
    suggested_level = models.CharField(_("suggested level"), max_length=3, choices=ResponseLevel.choices, blank=True)
    activated_at = models.DateTimeField(_("activated at"))
    activated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("activated by"))
    terminated_at = models.DateTimeField(_("terminated at"), null=True, blank=True)
    terminated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+", verbose_name=_("terminated by"))
    termination_reason = models.TextField(_("termination reason"), blank=True)

    class Meta:
        ordering = ["-activated_at", "-pk"]
        verbose_name = _("emergency response")
        verbose_name_plural = _("emergency responses")
        constraints = [models.UniqueConstraint(fields=["incident", "plan"], condition=models.Q(status="active"),
                                               name="one_active_response_per_incident_plan")]

    def __str__(self):
        return f"{self.plan.title} · {self.get_level_display()}"


class ResponseLevelChange(models.Model):
    """A change of a response's level (响应级别调整), kept as its own row."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="level_changes")
    level_from = models.CharField(_("from level"), max_length=3, choices=ResponseLevel.choices)
    level_to = models.CharField(_("to level"), max_length=3, choices=ResponseLevel.choices)
    reason = models.TextField(_("reason"))
    changed_at = models.DateTimeField(_("changed at"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("changed by"))

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("response level change")
        verbose_name_plural = _("response level changes")
