"""Research topics (调研题目), the timetable and commissions (约稿) (A2)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import CommissionStatus, TopicStatus

class Topic(models.Model):
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="info_topics",
                             verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=200)
    outline = models.TextField(_("research outline"))
    theme = models.ForeignKey("info.Theme", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="topics", verbose_name=_("theme"))
    intended_month = models.DateField(_("intended month"), help_text=_("First day of the month"))
    status = models.CharField(_("status"), max_length=20, choices=TopicStatus.choices, default=TopicStatus.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("proposed by"))
    proposed_at = models.DateTimeField(_("proposed at"))
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("screened by"))
    screened_at = models.DateTimeField(_("screened at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    sequence = models.PositiveIntegerField(_("order on the timetable"), null=True, blank=True)
    due = models.DateField(_("due date"), null=True, blank=True)

    class Meta:
        ordering = ["sequence", "-proposed_at"]
        verbose_name = _("research topic")
        verbose_name_plural = _("research topics")

    def __str__(self):
        return self.title


class Commission(models.Model):
    """A commission notice (约稿通知单) to a unit: topic, writing requirements, deadline.

    `submission` is the piece the unit links to it (possibly still a draft); `fulfilled_at` is when that piece
    was first submitted to the information section (unit leader's sign-off), which decides whether it was late."""

    topic = models.OneToOneField(Topic, on_delete=models.PROTECT, related_name="commission",
                                 verbose_name=_("topic"))
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="info_commissions",
                             verbose_name=_("unit"))
    number = models.CharField(_("notice number"), max_length=40, unique=True)
    requirements = models.TextField(_("writing requirements"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=CommissionStatus.choices,
                              default=CommissionStatus.ISSUED)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("issued by"))
    issued_at = models.DateTimeField(_("issued at"))
    submission = models.OneToOneField("info.Submission", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="commission", verbose_name=_("submission"))
    fulfilled_at = models.DateTimeField(_("fulfilled at"), null=True, blank=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("commission")
        verbose_name_plural = _("commissions")
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return f"{self.number} {self.topic.title}"

    @property
    def late(self) -> bool:
        """Fulfilled after the deadline day, or still open after it (a linked draft does not count)."""
        done = timezone.localdate(self.fulfilled_at) if self.fulfilled_at else timezone.localdate()
        return self.status != CommissionStatus.CANCELLED and done > self.deadline


class CommissionCounter(models.Model):
    """The last commission notice number given out in a year; locked while a number is taken."""

    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("commission number counter")
        verbose_name_plural = _("commission number counters")


class Reminder(models.Model):
    """A reminder the platform sent about a commission (催稿), one per commission and day."""

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="reminders",
                                   verbose_name=_("commission"))
    day = models.DateField(_("day"))
    overdue = models.BooleanField(_("overdue"), default=False)
    recipients = models.TextField(_("recipients"), blank=True)
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["commission", "day"], name="info_reminder_once_a_day")]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
