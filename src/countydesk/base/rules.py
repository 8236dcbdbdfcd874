"""Rule tables (规则表): named domain numbers an administrator edits, seeded by data migrations, each read by
one function of the owning app's rules.py. Here, at the ground floor, so every app (accounts too) uses one kit."""

from django.db import migrations, models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import NotFound


class NumberRule(models.Model):
    """A named domain number an administrator edits (e.g. days of warning before a certificate expires)."""

    key = models.CharField(gettext_lazy("rule"), max_length=40, unique=True)
    value = models.PositiveIntegerField(gettext_lazy("value"))
    note = models.CharField(gettext_lazy("note"), max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ["key"]

    def __str__(self):
        return f"{self.key} = {self.value}"


def rule_value(model, key: str) -> int:
    row = model.objects.filter(key=key).first()
    if row is None:
        raise NotFound(_("Rule %s is missing; restore it in the administration pages.") % key)
    return row.value


def seed_rules(app_label: str, model_name: str, rows: list[tuple[str, int, str]]):
    """A data-migration operation writing default rule rows (key, value, note), keeping edited ones."""

    def forward(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        for key, value, note in rows:
            model.objects.get_or_create(key=key, defaults={"value": value, "note": note})

    return migrations.RunPython(forward, migrations.RunPython.noop)
