"""The outbox worker (Huey): one task per new message, queued on commit, and a sweep every minute for
retries that have come due and messages a stopped worker left."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import delivery


@db_task()
def deliver_message(pk: int):
    return delivery.attempt(pk)


@db_periodic_task(crontab(minute="*"))
def sweep_outbox():
    return delivery.deliver_due()
