"""Staffing of information officers against the admin-editable StaffingRule table (A12)."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from .choices import PostKind
from .models import Post, StaffingRule, Unit

GROUP_POSTS = {
    StaffingRule.Group.FULL: {PostKind.INFO_OFFICER_FULL},
    StaffingRule.Group.PART: {PostKind.INFO_OFFICER_PART},
    StaffingRule.Group.ANY: {PostKind.INFO_OFFICER_FULL, PostKind.INFO_OFFICER_PART},
}


@dataclass
class Staffing:
    unit: Unit
    full: int = 0
    part: int = 0
    shortfalls: list[str] = field(default_factory=list)  # every rule broken, too few or too many

    @property
    def compliant(self) -> bool:
        return not self.shortfalls


def _breach(rule: StaffingRule, have: int) -> str:
    """Why `have` officers break the rule (太少/太多), or "" when they meet it."""
    if rule.minimum <= have and (rule.maximum is None or have <= rule.maximum):
        return ""
    values = {"group": rule.get_group_display(), "have": have, "minimum": rule.minimum, "maximum": rule.maximum}
    if have < rule.minimum:
        return _("too few %(group)s: %(have)d (at least %(minimum)d)") % values
    return _("too many %(group)s: %(have)d (at most %(maximum)d)") % values


def staffing(units, on=None) -> list[Staffing]:
    """Officer counts and the rule shortfalls for each of `units` (one query for posts, one for rules)."""
    units = list(units)
    counts = Counter({
        (unit_id, kind): n for unit_id, kind, n in
        Post.objects.current(on).filter(unit__in=[u.pk for u in units], kind__in=GROUP_POSTS[StaffingRule.Group.ANY])
        .values_list("unit_id", "kind").annotate(n=Count("pk")).order_by()
    })
    rules: dict[str, list[StaffingRule]] = {}
    for rule in StaffingRule.objects.all():
        rules.setdefault(rule.unit_kind, []).append(rule)
    result = []
    for unit in units:
        row = Staffing(unit, counts[(unit.pk, PostKind.INFO_OFFICER_FULL)], counts[(unit.pk, PostKind.INFO_OFFICER_PART)])
        for rule in rules.get(unit.kind, []):
            have = sum(counts[(unit.pk, kind)] for kind in GROUP_POSTS[rule.group])
            problem = _breach(rule, have)
            if problem:
                row.shortfalls.append(problem)
        result.append(row)
    return result
