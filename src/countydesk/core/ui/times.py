"""Times and durations as people read them, in the county's time zone (Asia/Shanghai): the one formatter
behind every page, JSON row, message and export, and the wording the duty desk's live countdown reuses.

- `moment(t)`: '09:30' on the county's today, '11月28日 09:30' another day of this year, '2025-11-28 09:30'
  another year. The Shanghai calendar day decides "today", never UTC's.
- `stamp(t)`: always '2026-11-28 09:30', for documents read on another day (reports, audit values).
- `duration(seconds)`: '2小时15分', '29分', '1天3小时', counted down to the minute.
- `countdown(due, now)`: '剩余 29分' or '已逾期 2小时15分', with its state (`left`, `overdue`).
"""

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

MINUTE, HOUR, DAY = 60, 3600, 86400


def local(value: datetime) -> datetime:
    """`value` on the county's clock (a naive value is taken to be on it already)."""
    return timezone.localtime(value) if timezone.is_aware(value) else value


def today() -> date:
    return timezone.localdate()


def moment(value: datetime | None, now: datetime | None = None) -> str:
    if value is None:
        return ""
    here, day = local(value), local(now).date() if now else today()
    clock = here.strftime("%H:%M")
    if here.date() == day:
        return clock
    if here.year == day.year:
        return _("%(month)d/%(day)d %(time)s") % {"month": here.month, "day": here.day, "time": clock}
    return here.strftime("%Y-%m-%d %H:%M")


def shown(value):
    """A cell of a page: a time as `moment` words it, anything else as it is."""
    return moment(value) if isinstance(value, datetime) else value


def stamp(value: datetime | None) -> str:
    return local(value).strftime("%Y-%m-%d %H:%M") if value else ""


def duration_words() -> dict[str, str]:
    """The patterns a duration is written with; the desk's script receives the same ones (core/times.js)."""
    return {"days_hours": _("%(days)d d %(hours)d h"), "days": _("%(days)d d"),
            "hours_minutes": _("%(hours)d h %(minutes)d min"), "hours": _("%(hours)d h"),
            "minutes": _("%(minutes)d min"), "under_a_minute": _("under a minute"),
            "left": _("%(duration)s left"), "overdue": _("overdue by %(duration)s")}


def duration(seconds: float) -> str:
    """A span to the minute below (a day and more: to the hour); its sign is ignored."""
    words, seconds = duration_words(), int(abs(seconds))
    days, hours, minutes = seconds // DAY, seconds % DAY // HOUR, seconds % HOUR // MINUTE
    parts = {"days": days, "hours": hours, "minutes": minutes}
    if days:
        return (words["days_hours"] if hours else words["days"]) % parts
    if hours:
        return (words["hours_minutes"] if minutes else words["hours"]) % parts
    return words["minutes"] % parts if minutes else words["under_a_minute"]


def countdown(due: datetime, now: datetime | None = None) -> tuple[str, str]:
    """('剩余 29分', 'left') before `due`, ('已逾期 2小时15分', 'overdue') from it on."""
    left = (due - (now or timezone.now())).total_seconds()
    state = "left" if left > 0 else "overdue"
    return duration_words()[state] % {"duration": duration(left)}, state
