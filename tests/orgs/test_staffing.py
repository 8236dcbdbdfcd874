"""Staffing rules (信息员配备) have minimums and maximums, both checked, and say why a unit breaks them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from countydesk.orgs.choices import PostKind
from countydesk.orgs.models import Person, Post, StaffingRule, Unit
from countydesk.orgs.rules import staffing

pytestmark = pytest.mark.django_db


def _officers(unit, full, part):
    Post.objects.filter(unit=unit, kind__in=[PostKind.INFO_OFFICER_FULL, PostKind.INFO_OFFICER_PART]).delete()
    for n, kind in enumerate([PostKind.INFO_OFFICER_FULL] * full + [PostKind.INFO_OFFICER_PART] * part):
        person = Person.objects.create(name=f"信息员{n}", unit=unit)
        Post.objects.create(person=person, unit=unit, kind=kind, start=date(2026, 1, 1))


def test_default_rules_have_minimums_and_maximums():
    rules = {(r.unit_kind, r.group): (r.minimum, r.maximum) for r in StaffingRule.objects.all()}
    assert rules == {("township", "full"): (1, None), ("township", "part"): (1, 2), ("department", "any"): (1, 2)}


@pytest.mark.parametrize("full, part, compliant, why", [
    (1, 1, True, ""), (1, 2, True, ""), (1, 3, False, "超配"), (0, 3, False, "不足"), (1, 0, False, "不足")])
def test_township_is_checked_both_ways(full, part, compliant, why):
    unit = Unit.objects.get(name="西坪乡")
    _officers(unit, full, part)
    row = staffing([unit])[0]
    assert row.compliant is compliant and why in "；".join(row.shortfalls)


def test_department_with_three_officers_is_too_many_and_the_report_says_so(client_as):
    unit = Unit.objects.filter(kind="department", active=True).order_by("name").first()
    _officers(unit, 2, 1)
    assert staffing([unit])[0].shortfalls == ["专职或兼职信息员超配：3 人（至多 2 人）"]
    page = client_as("admin").get("/staffing/?gaps_only=on").content.decode()
    assert unit.name in page and "超配" in page


def test_a_maximum_below_the_minimum_is_refused():
    with pytest.raises(ValidationError):
        StaffingRule(unit_kind="township", group="full", minimum=2, maximum=1).full_clean(validate_unique=False)
