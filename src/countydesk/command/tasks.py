"""Background work of command and dispatch (Huey): escalating dispatch orders not acknowledged in time
(their messages leave through core's outbox, whose worker delivers them)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services.orders import run_order_escalation


@db_periodic_task(crontab(minute="*"))
def escalate_orders():
    """Every minute: orders past their acknowledgement limit (调度令签收时限) escalate, each once."""
    return run_order_escalation()
