"""The after-action evaluation of an incident (总结评估) and the rule table its intervals are measured by."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..milestones import LABELS, ORDER

__all__ = ["Evaluation", "IntervalRule"]

MILESTONE_CHOICES = [(code, LABELS[code]) for code in ORDER]


class IntervalRule(models.Model):
    """How many minutes may pass between two consecutive milestones (处置时限), for grades Ⅲ–Ⅳ and for Ⅰ–Ⅱ.
    Receipt to first report is the reporting deadline of the incidents chapter and has no row here."""

    start = models.CharField(_("from"), max_length=16, choices=MILESTONE_CHOICES)
    end = models.CharField(_("to"), max_length=16, choices=MILESTONE_CHOICES)
    minutes = models.PositiveIntegerField(_("limit in minutes (grades Ⅲ–Ⅳ)"), null=True, blank=True,
                                          help_text=_("Empty: measured, without a limit."))
    minutes_major = models.PositiveIntegerField(_("limit in minutes (grades Ⅰ–Ⅱ)"), null=True, blank=True,
                                                help_text=_("Empty: the same as for grades Ⅲ–Ⅳ."))

    class Meta:
        verbose_name = _("handling interval rule")
        verbose_name_plural = _("handling interval rules")
        constraints = [models.UniqueConstraint(fields=["start", "end"], name="interval_rule_unique")]

    def __str__(self):
        return f"{self.get_start_display()} → {self.get_end_display()}"


class Evaluation(models.Model):
    """The evaluation of a closed incident: the intervals and resources as measured when it was made, the
    lessons the office entered, and the case it became in the case library."""

    incident = models.OneToOneField("incidents.Incident", on_delete=models.PROTECT, related_name="evaluation",
                                    verbose_name=_("incident"))
    lessons = models.TextField(_("lessons learned"))
    measures = models.JSONField(_("measured intervals and resources"), default=dict)
    case = models.ForeignKey("cases.Case", null=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("case"))
    made_at = models.DateTimeField(_("evaluated at"), auto_now_add=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("evaluated by"))

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-made_at"]

    def __str__(self):
        return str(self.incident)
