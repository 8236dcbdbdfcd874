"""Admin-editable rule tables of the chapter (seeded by migration 0002, read by info/rules.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InfoRule(models.Model):
    """A named number of the information chapter (deadlines, lead times, limits)."""

    class Key(models.TextChoices):
        SUBMIT_HOURS = "submit_hours", _("Hours from event to submission (normal items)")
        FAST_LANE_HOURS = "fast_lane_hours", _("Hours from event to submission (early-signal items)")
        COMMISSION_DAYS = "commission_days", _("Days from commission notice to deadline")
        REMINDER_DAYS = "reminder_days", _("Days before a deadline to send reminders")
        FOLLOWUP_DAYS = "followup_days", _("Days to answer a follow-up request")
        MAX_UPLOAD_MB = "max_upload_mb", _("Largest attachment (MB)")
        HIGHEST_ONLY = "adoption_highest_only", _("An item adopted several times counts only its highest score (1) or all (0)")
        FRESHNESS_LAG = "freshness_lag_months", _("Figures older than this many closed months are stale")
        CONDENSE_CHARS = "condense_chars", _("Length above which an item should be condensed (characters)")
        DUPLICATE_PERCENT = "duplicate_percent", _("Text similarity that marks a near-duplicate (percent)")

    key = models.CharField(_("rule"), max_length=30, choices=Key.choices, unique=True)
    value = models.PositiveIntegerField(_("value"))

    class Meta:
        ordering = ["key"]
        verbose_name = _("information rule")
        verbose_name_plural = _("information rules")

    def __str__(self):
        return f"{self.get_key_display()}: {self.value}"


class AllowedFileType(models.Model):
    """A file name ending that attachments may have."""

    extension = models.CharField(_("file name ending"), max_length=10, unique=True)
    label = models.CharField(_("label"), max_length=60, blank=True)

    class Meta:
        ordering = ["extension"]
        verbose_name = _("allowed file type")
        verbose_name_plural = _("allowed file types")

    def __str__(self):
        return self.extension
