"""Timeliness (A4) and balance (A6)."""

from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from countydesk.core.ui.charts import bars
from countydesk.info import stats
from countydesk.info.models import Submission
from countydesk.orgs.models import Unit

pytestmark = pytest.mark.django_db
UTC, CST = ZoneInfo("UTC"), ZoneInfo("Asia/Shanghai")


def test_same_day_follows_the_shanghai_calendar_not_utc():
    # 00:30 and 18:00 on 2 March in Shanghai are on two different UTC dates: still the same day
    event, submitted = datetime(2026, 3, 1, 16, 30, tzinfo=UTC), datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert stats.same_day([event, event, submitted, submitted])
    # 23:30 to 00:10 in Shanghai is the same UTC date, but the next local day
    late_night = datetime(2026, 3, 2, 23, 30, tzinfo=CST)
    assert not stats.same_day([late_night, late_night, late_night + timedelta(minutes=40), late_night])
    assert not stats.same_day([event, event, None, None])


def test_legs_in_hours():
    t0 = datetime(2026, 5, 1, 8, 0, tzinfo=CST)
    item = SimpleNamespace(event_at=t0, collected_at=t0 + timedelta(hours=1), written_at=t0 + timedelta(hours=3),
                           submitted_at=t0 + timedelta(hours=3, minutes=30), signed_at=None, published_at=None)
    assert [hours for _, hours in stats.legs(item)] == [1.0, 2.0, 0.5, None, None]


def test_same_day_rate_per_unit_and_month(make_draft, advance):
    unit = Unit.objects.get(name="城关镇")
    before = {(r.unit, r.month): r for r in stats.same_day_rates(Submission.objects.filter(unit=unit))}
    pk = make_draft()["id"]
    advance(pk, "unit_signoff")
    Submission.objects.filter(pk=pk).update(submitted_at=datetime(2026, 11, 20, 15, 0, tzinfo=CST))
    rows = {(r.unit, r.month): r for r in stats.same_day_rates(Submission.objects.filter(unit=unit))}
    old = before.get(("城关镇", "2026-11"), stats.SameDayRow("城关镇", "2026-11"))
    row = rows[("城关镇", "2026-11")]
    assert (row.total, row.same_day) == (old.total + 1, old.same_day + 1)
    assert 0 <= row.rate <= 100


def test_lateness_list_names_late_items(make_draft, advance):
    pk = make_draft()["id"]
    advance(pk, "unit_signoff")
    item = Submission.objects.get(pk=pk)
    Submission.objects.filter(pk=pk).update(submitted_at=item.deadline + timedelta(minutes=1))
    assert stats.late(Submission.objects.all()).filter(pk=pk).exists()
    Submission.objects.filter(pk=pk).update(submitted_at=item.deadline)
    assert not stats.late(Submission.objects.all()).filter(pk=pk).exists()


def test_balance_counts_and_units_that_never_report_problems(make_draft, advance):
    units = Unit.objects.filter(name__in=["城关镇", "西坪乡"])
    items = Submission.objects.filter(unit__in=units)
    before = {r.unit: r for r in stats.balance(items, units)}
    assert before["西坪乡"].total == 0
    for tone in ("good", "good", "problem"):
        advance(make_draft(tone=tone)["id"], "unit_signoff")
    make_draft(tone="problem")  # drafts do not count
    rows = {r.unit: r for r in stats.balance(Submission.objects.filter(unit__in=units), units)}
    assert rows["城关镇"].counts["good"] == before["城关镇"].counts["good"] + 2
    assert rows["城关镇"].counts["problem"] == before["城关镇"].counts["problem"] + 1
    assert "城关镇" not in {r.unit for r in stats.never_problems(list(rows.values()))}
    only_good = stats.BalanceRow(1, "甲", {"good": 3, "problem": 0, "neutral": 1})
    assert stats.never_problems([only_good, rows["西坪乡"]]) == [only_good]


def test_api_figures(api_as):
    editor = api_as("xinxike")
    rates = editor.get("/api/info/timeliness?year=2026").json()
    assert rates and all(0 <= r["rate"] <= 100 for r in rates)
    balance = editor.get("/api/info/balance?start=2026-01-01&end=2026-12-31").json()
    assert sum(r["total"] for r in balance) == Submission.objects.exclude(status__in=["draft", "pending_unit"]).count()
    own = api_as("qingshan_xxy").get("/api/info/balance").json()
    assert [r["unit"] for r in own] == ["青山镇"]


def test_bars_scale_to_the_largest():
    chart = bars([("甲", 10), ("乙", 5), ("丙", 0)], width=100)
    assert [w for _, _, w, _ in chart["rows"]] == [100, 50, 0]
