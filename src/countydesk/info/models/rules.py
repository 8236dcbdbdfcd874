"""Admin-editable rule tables of the chapter (seeded by migration 0002, read by info/rules.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from countydesk.orgs.choices import UnitKind

from ..choices import Kind


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
        ZERO_YEAR_MISSES = "zero_year_misses", _("Missed commissions in a year that zero the year's score (0: off)")
        MAX_BODY_CHARS = "max_body_chars", _("Longest text of a submission (characters)")

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


class QuotaRule(models.Model):
    """The least a unit of a kind sends in per month or quarter (报送任务), e.g. townships 8 items a month
    and one research report a quarter (DOMAIN.md §6)."""

    class Per(models.TextChoices):
        MONTH = "month", _("a month")
        QUARTER = "quarter", _("a quarter")

    unit_kind = models.CharField(_("unit kind"), max_length=20, choices=UnitKind.choices)
    item_kind = models.CharField(_("kind of item (empty: any)"), max_length=20, choices=Kind.choices, blank=True)
    per = models.CharField(_("per"), max_length=8, choices=Per.choices)
    minimum = models.PositiveSmallIntegerField(_("minimum"))

    class Meta:
        ordering = ["unit_kind", "per", "item_kind"]
        constraints = [models.UniqueConstraint(fields=["unit_kind", "item_kind", "per"], name="quota_rule_unique")]
        verbose_name = _("reporting quota")
        verbose_name_plural = _("reporting quotas")

    def __str__(self):
        what = self.get_item_kind_display() if self.item_kind else _("items")
        return f"{self.get_unit_kind_display()} ≥ {self.minimum} {what} / {self.get_per_display()}"


class SignOffRule(models.Model):
    """Which accepted items need their own 审签 before they go into a periodical issue, and which are signed with
    the issue that carries them (随期签发), one row per kind of item. A kind without a row needs its own."""

    class Own(models.TextChoices):
        ALWAYS = "always", _("Own sign-off always")
        FAST_LANE = "fast_lane", _("Own sign-off for early signals (fast lane); others signed with the issue")
        NEVER = "never", _("Signed with the issue")

    kind = models.CharField(_("kind of item"), max_length=20, choices=Kind.choices, unique=True)
    own_sign_off = models.CharField(_("own sign-off (审签)"), max_length=10, choices=Own.choices, default=Own.ALWAYS)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("sign-off rule")
        verbose_name_plural = _("sign-off rules")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.get_own_sign_off_display()}"
