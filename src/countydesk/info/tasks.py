from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from countydesk.accounts.system import SYSTEM

from .services import send_reminders


@db_periodic_task(crontab(hour="8", minute="5"))
def remind_commissions():
    """Every morning: remind units of commissions due soon or overdue (催稿)."""
    return len(send_reminders(SYSTEM))
