"""Demo: on the open flood incident (河口镇内涝), sandbags and pumps from the township's flood depot partly delivered,
and an excavator requisitioned from a local company with its decision (征用决定书) still to be written."""

from datetime import timedelta
from decimal import Decimal

from countydesk.accounts.system import SYSTEM
from countydesk.demo.registry import demo_builder
from countydesk.incidents.choices import OPEN_STATUSES
from countydesk.incidents.models import Incident
from countydesk.registry.supplies.models import Depot, StockLevel

from ..services import allocations, requisitions

DEPOT = "河口镇防汛物资仓库"
EXCAVATOR = {"description": "挖掘机（三一SY215C）", "quantity": 1, "condition_before": "完好，年检合格，可正常作业",
             "value": Decimal("420000"), "age_years": 3}
OWNER = {"owner_name": "云溪县鑫达土石方工程有限公司", "owner_kind": "company", "owner_contact": "李建国 13907950188",
         "owner_id_code": "91360926MA35R7QX2K"}


@demo_builder(997)  # after incidents and supplies; draws nothing from county.rng
def build_stock(county):
    county.progress.step("an allocation to a scene and a requisition")
    incident = (Incident.objects.filter(status__in=OPEN_STATUSES, merged_into__isnull=True, township__name="河口镇")
                .select_related("township").order_by("received_at").first())
    depot = Depot.objects.select_related("unit").filter(name=DEPOT).first()
    if incident is None or depot is None:
        return
    levels = list(StockLevel.objects.filter(depot=depot, quantity__gte=4).select_related("item").order_by("item__code")[:2])
    if levels:
        lines = [(level.item, (level.quantity / 2).quantize(Decimal(1))) for level in levels]
        allocation = allocations.do_allocate(SYSTEM, incident, depot, lines, destination="河口镇老街积水点")
        allocations.do_ship(SYSTEM, allocation)
        first = allocation.lines.order_by("item_id").first()
        allocations.do_deliver(SYSTEM, allocation, {first.item_id: (first.shipped / 2).quantize(Decimal(1))})
    requisitions.do_requisition(SYSTEM, incident, OWNER, "清理老街排水沟渠淤堵、开挖临时排水通道", [EXCAVATOR],
                                requisitioned_at=county.now - timedelta(minutes=90))
