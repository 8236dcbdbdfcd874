"""Commission notice numbers (约稿〔年〕N号) come from a counter row per year, locked while a number is taken:
editors issuing at once get distinct consecutive numbers. Runs on SQLite here and on PostgreSQL in `make test`."""

import importlib
import re
from datetime import date

import pytest
from django.apps import apps
from django.utils import timezone

from countydesk.accounts.system import SYSTEM
from countydesk.info import services
from countydesk.info.models import Commission, CommissionCounter, Topic
from countydesk.orgs.models import Unit

from ..parallel import race, retrying_on_lock

WORKERS = 6
NUMBER = re.compile(r"约稿〔(\d{4})〕(\d+)号")


def _scheduled_topic(unit, year: int) -> Topic:
    """A scheduled topic alone on its year's timetable, so that it can be commissioned in any order."""
    topic = services.do_propose_topic(SYSTEM, title=f"{year}年度并发约稿测试调研", outline="一、现状\n二、建议",
                                      intended_month=date(year, 1, 1), unit=unit)
    services.do_accept_topic(SYSTEM, topic)
    return services.do_schedule_topic(SYSTEM, topic, due=date(year, 2, 1))


def _number(commission) -> tuple[int, int]:
    match = NUMBER.fullmatch(commission.number)
    return int(match[1]), int(match[2])


def _issue_commission(topic):
    return retrying_on_lock(lambda: services.do_commission_topic(SYSTEM, topic, "按提纲撰写，3000字以内。")).number


def test_editors_issuing_at_once_get_consecutive_numbers(demo_transactional_db):
    unit = Unit.objects.get(name="城关镇")
    topics = [_scheduled_topic(unit, 2031 + i) for i in range(WORKERS)]
    year = timezone.localdate().year
    before = CommissionCounter.objects.get(year=year).last_number
    outcomes = race(lambda pk: Topic.objects.get(pk=pk), _issue_commission, [t.pk for t in topics])
    assert all(o.startswith("约稿〔") for o in outcomes) and len(outcomes) == WORKERS, outcomes
    numbers = sorted(_number(c) for c in Commission.objects.filter(topic__in=topics))
    assert numbers == [(year, before + i) for i in range(1, WORKERS + 1)]
    assert CommissionCounter.objects.get(year=year).last_number == before + WORKERS


@pytest.mark.django_db
def test_the_counter_starts_after_the_highest_number_issued():
    migration = importlib.import_module("countydesk.info.migrations.0008_commission_counter")
    issued = {}
    for commission in Commission.objects.all():
        year, n = _number(commission)
        issued[year] = max(issued.get(year, 0), n)
    assert issued  # the demo county has issued commissions
    year = next(iter(issued))
    Commission.objects.filter(pk=Commission.objects.filter(number__contains=f"〔{year}〕").first().pk).update(
        number=f"约稿〔{year}〕{issued[year] + 40}号")  # a gap left by numbers given out by hand
    CommissionCounter.objects.all().delete()
    migration.follow_issued_numbers(apps, None)
    assert dict(CommissionCounter.objects.values_list("year", "last_number")) == issued | {year: issued[year] + 40}
    unit = Unit.objects.get(name="城关镇")
    commission = services.do_commission_topic(SYSTEM, _scheduled_topic(unit, 2040), "按提纲撰写。")
    this_year = timezone.localdate().year
    assert commission.number == f"约稿〔{this_year}〕{(issued | {year: issued[year] + 40}).get(this_year, 0) + 1}号"
