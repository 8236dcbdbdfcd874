"""The state machines of allocations (物资调配: reserved → shipped → partly delivered → delivered → closed, or
cancelled), of requisitions (征用: in use → returned) and of their compensation (补偿: due → approved → paid)."""

from django.utils.translation import gettext_lazy as _

from countydesk.core.workflow import Workflow, step

from ..models import AllocationStatus as A
from ..models import PaymentStatus as P
from ..models import RequisitionStatus as R
from .reach import require_incident

ALLOCATE, REQUISITION = "command.allocate", "command.requisition"


def _allocation_reach(actor, allocation):
    require_incident(actor, allocation.incident)


ALLOCATION_FLOW = Workflow(A, [
    step("ship", A.RESERVED, A.SHIPPED, "allocation.ship", perm=ALLOCATE, label=_("Ship from the depot")),
    step("deliver_part", (A.SHIPPED, A.PARTLY_DELIVERED), A.PARTLY_DELIVERED, "allocation.deliver_part",
         perm=ALLOCATE),
    step("deliver", (A.SHIPPED, A.PARTLY_DELIVERED), A.DELIVERED, "allocation.deliver", perm=ALLOCATE,
         label=_("Delivered in full")),
    step("return", (A.PARTLY_DELIVERED, A.DELIVERED), A.CLOSED, "allocation.return", perm=ALLOCATE),
    step("cancel", A.RESERVED, A.CANCELLED, "allocation.cancel", perm=ALLOCATE, label=_("Cancel the allocation")),
], check=_allocation_reach, unit=lambda allocation: allocation.incident.township)


def _requisition_reach(actor, requisition):
    require_incident(actor, requisition.incident)


REQUISITION_FLOW = Workflow(R, [
    step("return", R.IN_USE, R.RETURNED, "requisition.return", perm=REQUISITION),
], check=_requisition_reach, unit=lambda requisition: requisition.incident.township)

PAYMENT_FLOW = Workflow(P, [
    step("approve", P.DUE, P.APPROVED, "requisition.approve_payment", perm=REQUISITION,
         label=_("Approve the compensation")),
    step("pay", P.APPROVED, P.PAID, "requisition.pay", perm=REQUISITION, label=_("Record the payment")),
], field="payment_status", check=_requisition_reach, unit=lambda requisition: requisition.incident.township)
