"""The Excel import's rule table (导入规则): row and size caps an administrator edits (read by rules.py)."""

from django.utils.translation import gettext_lazy as _

from countydesk.core.records import NumberRule

__all__ = ["SheetRule"]


class SheetRule(NumberRule):
    """A named cap of the registry import: rows per file from the browser and from the command line, file size."""

    class Meta(NumberRule.Meta):
        verbose_name = _("import rule")
        verbose_name_plural = _("import rules")
