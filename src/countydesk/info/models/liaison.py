"""Key liaison units' own rules and training (跟班培训) with attendance (A13)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import AttendanceStatus


class LiaisonRuleDocument(models.Model):
    """A key liaison unit's own information work rules (信息工作制度), uploaded as a file."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="info_rule_documents",
                             verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="info/rules/%Y/")
    adopted_on = models.DateField(_("adopted on"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["unit", "-adopted_on"]
        verbose_name = _("unit information rules")
        verbose_name_plural = _("unit information rules")

    def __str__(self):
        return self.title


class TrainingSession(models.Model):
    title = models.CharField(_("title"), max_length=200)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("created by"))

    class Meta:
        ordering = ["-start"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self):
        return self.title


class TrainingAttendance(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendance",
                                verbose_name=_("training session"))
    person = models.ForeignKey("orgs.Person", on_delete=models.PROTECT, related_name="info_trainings",
                               verbose_name=_("person"))
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)

    class Meta:
        ordering = ["session", "unit", "person"]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="info_attendance_once")]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
