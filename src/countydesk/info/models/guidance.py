from django.db import models
from django.utils.translation import gettext_lazy as _


class Guidance(models.Model):
    """Yearly reporting guidance (报送要点), e.g. 2026年度全县政府系统政务信息报送要点 (A1)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("reporting guidance")
        verbose_name_plural = _("reporting guidance")

    def __str__(self):
        return self.title


class Theme(models.Model):
    """One theme (要点) of the guidance; topics and submissions are tagged with it."""

    guidance = models.ForeignKey(Guidance, on_delete=models.PROTECT, related_name="themes",
                                 verbose_name=_("guidance"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["guidance", "number"]
        constraints = [models.UniqueConstraint(fields=["guidance", "number"], name="info_theme_number_unique")]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return f"{self.number}. {self.title}"
