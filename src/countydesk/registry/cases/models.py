"""The case library (案例库): past incidents and what they taught."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from countydesk.core.records import NumberRule
from countydesk.core.taxonomy import CATEGORIES, EVENT_TYPE_CHOICES, EVENT_TYPES, category_of


class Case(models.Model):
    title = models.CharField(_("title"), max_length=200)
    event_type = models.CharField(_("event type"), max_length=3, choices=EVENT_TYPE_CHOICES, db_index=True)
    occurred_on = models.DateField(_("date"), db_index=True)
    township = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="cases",
                                 limit_choices_to={"kind": "township"}, verbose_name=_("township"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    deaths = models.PositiveIntegerField(_("deaths"), default=0)
    injuries = models.PositiveIntegerField(_("injuries"), default=0)
    direct_loss = models.DecimalField(_("direct loss (10,000 yuan)"), max_digits=12, decimal_places=2, null=True,
                                      blank=True, validators=[MinValueValidator(0)])
    summary = models.TextField(_("summary"))
    lessons = models.TextField(_("lessons learned"), blank=True)
    plans = models.ManyToManyField("plans.Plan", blank=True, related_name="cases", verbose_name=_("linked plans"))
    incident_ref = models.CharField(_("incident reference"), max_length=64, blank=True)
    source_url = models.CharField(_("source record"), max_length=200, blank=True, editable=False,
                                  help_text=_("The page of the record the case was filed from (an incident's evaluation)."))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self):
        return self.title

    @property
    def category(self) -> str:
        return category_of(self.event_type)

    @property
    def category_name(self) -> str:
        return str(CATEGORIES[self.category])

    @property
    def type_name(self) -> str:
        return EVENT_TYPES[self.event_type].name


class CaseRule(NumberRule):
    """A named number of the case library (案例库规则): the largest Excel file imported."""

    class Meta(NumberRule.Meta):
        verbose_name = _("case rule")
        verbose_name_plural = _("case rules")
