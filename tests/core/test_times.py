"""Times and durations as people read them (core.ui.times): Shanghai's calendar day decides "today"."""

from datetime import UTC, datetime, timedelta

import pytest

from countydesk.core.ui.times import countdown, duration, moment, shown, stamp

pytestmark = pytest.mark.django_db  # translations are read through Django


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize("value,now,expected", [
    # 23:04 UTC is 07:04 of the next Shanghai day, which is today at 07:30 Shanghai (23:30 UTC)
    (utc(2026, 12, 3, 23, 4), utc(2026, 12, 3, 23, 30), "07:04"),
    # 15:00 UTC is still 3 December in Shanghai: the same UTC day as now, but yesterday in the county
    (utc(2026, 12, 3, 15, 0), utc(2026, 12, 3, 23, 30), "12月3日 23:00"),
    # Shanghai midnight is 16:00 UTC: a minute before it is yesterday, a minute after it is today
    (utc(2026, 12, 3, 15, 59), utc(2026, 12, 3, 16, 30), "12月3日 23:59"),
    (utc(2026, 12, 3, 16, 1), utc(2026, 12, 3, 16, 30), "00:01"),
    # another year: the full date
    (utc(2025, 12, 31, 15, 59), utc(2025, 12, 31, 16, 1), "2025-12-31 23:59"),
    (utc(2026, 1, 9, 1, 5), utc(2026, 12, 3, 4, 0), "1月9日 09:05"),
])
def test_a_moment_shows_the_date_when_it_is_not_the_county_s_today(value, now, expected):
    assert moment(value, now=now) == expected


def test_stamp_and_cells_are_shanghai_time():
    assert stamp(utc(2026, 12, 3, 23, 4)) == "2026-12-04 07:04"
    assert moment(None) == stamp(None) == ""
    assert shown(42) == 42 and shown("x") == "x"
    assert shown(datetime.now(UTC)) == moment(datetime.now(UTC))


@pytest.mark.parametrize("seconds,expected", [
    (0, "不到1分"), (59, "不到1分"), (60, "1分"), (29 * 60 + 59, "29分"), (3600, "1小时"),
    (2 * 3600 + 15 * 60 + 30, "2小时15分"), (86400 - 1, "23小时59分"), (86400, "1天"),
    (86400 + 3 * 3600 + 59 * 60, "1天3小时"), (5 * 86400 + 20 * 3600 + 6 * 60, "5天20小时"), (-8100, "2小时15分"),
])
def test_a_duration_reads_as_people_say_it(seconds, expected):
    assert duration(seconds) == expected


def test_a_countdown_says_what_is_left_or_how_late_it_is():
    now = utc(2026, 12, 3, 23, 30)
    assert countdown(now + timedelta(minutes=29, seconds=30), now) == ("剩余 29分", "left")
    assert countdown(now - timedelta(hours=2, minutes=15, seconds=1), now) == ("已逾期 2小时15分", "overdue")
    assert countdown(now, now) == ("已逾期 不到1分", "overdue")


def test_no_time_is_formatted_for_users_outside_the_one_formatter():
    """Templates use |moment or |stamp, code uses core.ui.times, scripts get the labels: nothing formats a time
    of day on its own (audit sits below core and writes the full local stamp of changed values itself)."""
    import re
    from pathlib import Path

    import countydesk

    root = Path(countydesk.__file__).parent
    allowed = {root / "core" / "ui" / "times.py", root / "audit" / "display.py"}
    patterns = {".html": r"\|date:\"[^\"]*[HGis]|\|time:|toLocale(Time)?String|\|localtime",
                ".txt": r"\|date:\"[^\"]*[HGis]|\|time:|\|localtime",
                ".js": r"toLocale(Time)?String|getHours\(",
                ".py": r"strftime\(\"[^\"]*%H|:%H:%M"}
    found = [f"{path.relative_to(root)}: {match.group(0)}"
             for suffix, pattern in patterns.items() for path in root.rglob(f"*{suffix}")
             if path not in allowed and "locale" not in path.parts
             for match in re.finditer(pattern, path.read_text(encoding="utf-8"))]
    assert found == []
