"""Every change to supplies goes through these functions (by concept: depots, stock, transfers, census)."""

from .census import (census_summary, census_template, do_close_campaign, do_import_census_upload,  # noqa: F401
                     do_open_campaign, do_upload_census)
from .catalogue import do_create_item, do_update_item  # noqa: F401
from .depots import do_create_depot, do_set_quota, do_update_depot  # noqa: F401
from .expiry import do_record_expiry_warnings, expiring_batches, shortfalls  # noqa: F401
from .stock import depot_stock, do_record_entry, ledger_mismatches  # noqa: F401
from .transfers import (do_approve_transfer, do_cancel_transfer, do_dispatch_transfer,  # noqa: F401
                        do_receive_transfer, do_reject_transfer, do_request_transfer)
from .holds import free_balance, free_balances, hold_stock, release_hold, return_to_depot, ship_hold  # noqa: F401
