"""The state machine of a transfer order (调拨): requested → approved → dispatched → received (core.workflow).
An emergency order may be dispatched before approval (先调后批)."""

from django.utils.translation import gettext_lazy as _

from countydesk.core.workflow import Workflow, step

from ..choices import TransferStatus as T
from .common import require_depot


def _receiver(actor, order):
    require_depot(actor, order.to_depot)


def _sender(actor, order):
    require_depot(actor, order.from_depot)


TRANSFER_FLOW = Workflow(T, [
    step("approve", T.REQUESTED, T.APPROVED, "transfer.approve", perm="supplies.approve_transfer",
         label=_("Approve the transfer")),
    step("reject", T.REQUESTED, T.REJECTED, "transfer.reject", perm="supplies.approve_transfer",
         label=_("Reject the transfer")),
    step("cancel", (T.REQUESTED, T.APPROVED), T.CANCELLED, "transfer.cancel", check=_receiver,
         label=_("Cancel the transfer")),
    step("dispatch", T.APPROVED, T.DISPATCHED, "transfer.dispatch", check=_sender, label=_("Dispatch the goods")),
    step("dispatch_now", T.REQUESTED, T.DISPATCHED, "transfer.dispatch", check=_sender,
         label=_("Dispatch the goods"), when=lambda order: order.emergency),
    step("receive", T.DISPATCHED, T.RECEIVED, "transfer.receive", check=_receiver, label=_("Confirm receipt")),
], unit=lambda order: order.to_depot.unit)
