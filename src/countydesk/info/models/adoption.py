"""Adoption of submissions (采用) and the scoring table (计分办法) (A11)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScoreRule(models.Model):
    """Points for one kind of adoption, leader instruction or penalty; administrators edit the table."""

    class Category(models.TextChoices):
        ADOPTION = "adoption", _("Adopted by a periodical")
        INSTRUCTION = "instruction", _("Leader's written instruction (批示)")
        PENALTY = "penalty", _("Deduction")

    class Level(models.TextChoices):
        COUNTY = "county", _("County")
        CITY = "city", _("City")
        PROVINCE = "province", _("Province")
        STATE_COUNCIL = "state_council", _("State Council office")
        CENTRAL = "central", _("Central office")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    level = models.CharField(_("level"), max_length=15, choices=Level.choices, blank=True)
    points = models.IntegerField(_("points"))

    class Meta:
        ordering = ["category", "level", "points"]
        verbose_name = _("scoring rule")
        verbose_name_plural = _("scoring rules")

    def __str__(self):
        return f"{self.name} ({self.points:+d})"


class Adoption(models.Model):
    """Where and when a submission was adopted, or a leader's instruction on it, scored by a rule."""

    submission = models.ForeignKey("info.Submission", on_delete=models.PROTECT, related_name="adoptions",
                                   verbose_name=_("submission"))
    rule = models.ForeignKey(ScoreRule, on_delete=models.PROTECT, related_name="+", verbose_name=_("scoring rule"))
    points = models.IntegerField(_("points"))
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("recorded by"))

    class Meta:
        ordering = ["-on"]
        constraints = [models.UniqueConstraint(fields=["submission", "rule"], name="info_adoption_once_per_rule")]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
