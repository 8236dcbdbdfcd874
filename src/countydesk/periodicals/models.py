"""Information products (信息产品): periodicals, their numbered issues, and their recipients
(deliveries are core outbox messages)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Channel, Distribution, IssueStatus

class Periodical(models.Model):
    """A periodical the office publishes (信息专报, 政务信息快报, 每日要情 …)."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    issuer = models.CharField(_("issued by"), max_length=60)
    score_code = models.CharField(_("scoring rule code"), max_length=40, blank=True,
                                  help_text=_("The information chapter's scoring rule an article in this periodical earns."))
    active = models.BooleanField(_("active"), default=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort", "name"]
        verbose_name = _("periodical")
        verbose_name_plural = _("periodicals")

    def __str__(self):
        return self.name


class IssueCounter(models.Model):
    """The last issue number given out per periodical and year; locked while a number is taken."""

    periodical = models.ForeignKey(Periodical, on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("issue number counter")
        verbose_name_plural = _("issue number counters")
        constraints = [models.UniqueConstraint(fields=["periodical", "year"], name="issue_counter_unique")]


class Issue(models.Model):
    """One issue (期). It gets its number only when signed off, so abandoned drafts leave no gaps."""

    periodical = models.ForeignKey(Periodical, on_delete=models.PROTECT, related_name="issues",
                                   verbose_name=_("periodical"))
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("issue number"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=IssueStatus.choices, default=IssueStatus.DRAFT)
    compiled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("compiled by"))
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("signed off by"))
    created = models.DateTimeField(auto_now_add=True)
    signed_at = models.DateTimeField(_("signed off"), null=True, blank=True)
    published_at = models.DateTimeField(_("sent out"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-year", "-number", "-created"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        constraints = [models.UniqueConstraint(fields=["periodical", "year", "number"], name="issue_number_unique")]

    def __str__(self):
        return f"{self.periodical} {self.label}"

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.number}期" if self.number else f"{self.year}年（未编号）"


class IssueItem(models.Model):
    """An article of an issue: the edited text as published, and the submission it came from."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    source_id = models.CharField(_("submission"), max_length=64, blank=True)
    unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    writer = models.CharField(_("writer"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("issue item")
        verbose_name_plural = _("issue items")
        ordering = ["order", "pk"]

    def clean(self):
        if not self.body.strip():
            raise ValidationError({"body": _("An article needs text.")})


class DistributionList(models.Model):
    """Recipients of a periodical (报送名单): e-mail addresses and fax numbers."""

    periodical = models.ForeignKey(Periodical, on_delete=models.CASCADE, related_name="recipients")
    name = models.CharField(_("recipient"), max_length=80)
    channel = models.CharField(_("channel"), max_length=5, choices=Channel.choices, default=Channel.EMAIL)
    address = models.CharField(_("e-mail address or fax number"), max_length=120)
    distribution = models.CharField(_("listed as"), max_length=6, choices=Distribution.choices,
                                    default=Distribution.SEND)

    class Meta:
        ordering = ["periodical", "name"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")

    def clean(self):
        if self.channel == Channel.EMAIL:
            from django.core.validators import validate_email

            try:
                validate_email(self.address)
            except ValidationError:
                raise ValidationError({"address": _("Enter a valid e-mail address.")}) from None

    def __str__(self):
        return self.name
