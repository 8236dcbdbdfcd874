"""Daily expiry check (临期/过期预警) and ledger self-check, run by the Huey worker."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from countydesk.accounts.system import SYSTEM

from .services import do_record_expiry_warnings, ledger_mismatches

log = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="7", minute="5"))
def record_expiry_warnings() -> int:
    added = do_record_expiry_warnings(SYSTEM)
    mismatches = ledger_mismatches()
    if mismatches:
        log.error("stock balances differ from the ledger: %s", mismatches[:20])
    return added
