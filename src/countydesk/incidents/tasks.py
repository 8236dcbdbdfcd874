"""Background work (Huey): deadline escalation, daily-report reminders, and intakes left waiting in the inbox
(reports and reminders leave through core's outbox, whose worker delivers them)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import inbox, services


@db_periodic_task(crontab(minute="*"))
def escalate_deadlines():
    return services.run_escalation()


@db_periodic_task(crontab(minute="*"))
def join_waiting_intakes():
    """Intakes a stopped server process had stored but not yet joined (normally joined within the second)."""
    return inbox.drain()


@db_periodic_task(crontab(hour="0", minute="0"))
def remind_daily_reports():
    """Huey's schedule runs in UTC: 00:00 UTC is 08:00 in Asia/Shanghai."""
    return services.run_daily_reminders()
