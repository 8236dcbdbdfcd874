from huey.contrib.djhuey import db_task

from .services import attempt_email

RETRIES = 3


@db_task(retries=RETRIES, retry_delay=60, context=True)
def deliver_email(delivery_id: int, task=None):
    """Deliver one e-mail; a failure raises so that the queue retries it (each attempt is recorded)."""
    final = task is None or task.retries == 0
    if not attempt_email(delivery_id, final=final):
        raise RuntimeError(f"delivery {delivery_id} failed")
