"""News items (新闻报道) imported from feeds, files or pasted text, and the units they mention."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from countydesk.core.records import NumberRule


class NewsFeed(models.Model):
    """An RSS or Atom feed fetched on a schedule (新闻源)."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("feed address"), unique=True)
    active = models.BooleanField(_("active"), default=True)
    last_fetched = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("news feed")
        verbose_name_plural = _("news feeds")

    def __str__(self):
        return self.name


class NewsItem(models.Model):
    """One newspaper, television or web report about county work."""

    class Source(models.TextChoices):
        NEWSPAPER = "newspaper", _("Newspaper")
        TELEVISION = "television", _("Television")
        WEB = "web", _("Website or new media")

    key = models.CharField(max_length=64, unique=True, editable=False)  # sha256 of link or title+date
    feed = models.ForeignKey(NewsFeed, null=True, blank=True, on_delete=models.SET_NULL, related_name="items")
    source = models.CharField(_("source"), max_length=12, choices=Source.choices, default=Source.WEB)
    outlet = models.CharField(_("outlet"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    published = models.DateField(_("published"), db_index=True)
    units = models.ManyToManyField("orgs.Unit", blank=True, related_name="news_items", verbose_name=_("units mentioned"))
    imported = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published", "-id"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def __str__(self):
        return self.title


class NewsMatch(models.Model):
    """A submission of a mentioned unit that reports what the news item covered."""

    item = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="matches")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+")
    submission_id = models.CharField(max_length=64)
    submission_title = models.CharField(max_length=300)
    score = models.FloatField()

    class Meta:
        verbose_name = _("news match")
        verbose_name_plural = _("news matches")
        constraints = [models.UniqueConstraint(fields=["item", "unit", "submission_id"], name="news_match_unique")]


class MatchRule(models.Model):
    """How a news item is matched to submissions (admin-editable, one row)."""

    days_before = models.PositiveSmallIntegerField(_("submissions up to N days before the report"), default=30)
    days_after = models.PositiveSmallIntegerField(_("submissions up to N days after the report"), default=7)
    threshold = models.FloatField(_("minimum text similarity"), default=0.12)
    missed_window_days = models.PositiveSmallIntegerField(_("dashboard counts missed reports of the last N days"),
                                                          default=90)

    class Meta:
        verbose_name = _("news matching rule")
        verbose_name_plural = _("news matching rules")

    def __str__(self):
        return f"-{self.days_before}d/+{self.days_after}d ≥ {self.threshold}"


class NewsRule(NumberRule):
    """A named number of the news chapter (新闻规则): the largest feed or uploaded file, the most items per upload."""

    class Meta(NumberRule.Meta):
        verbose_name = _("news rule")
        verbose_name_plural = _("news rules")
