"""What the command records add to an evaluation: the dispatch milestones (first order, first team on scene)
and the orders section (teams used, declined, cancelled or escalated orders)."""

from django.db.models import Min
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from countydesk.core.ui.times import stamp

from ..milestones import register_milestone
from ..models.orders import DispatchOrder
from .sections import Section, register_section


def _first(incident, field):
    return DispatchOrder.objects.filter(incident=incident).aggregate(first=Min(field))["first"]


def _orders(incident) -> Section | None:
    orders = list(DispatchOrder.objects.filter(incident=incident).select_related("team").order_by("issued_at"))
    if not orders:
        return None
    fields = ("team", "status", "issued_at", "on_scene_at", "escalated_at", "reason")
    return Section(_("Dispatch orders"), [str(capfirst(DispatchOrder._meta.get_field(f).verbose_name)) for f in fields],
                   [[o.team.name, o.get_status_display(), stamp(o.issued_at), stamp(o.on_scene_at) or "—",
                     stamp(o.escalated_at) or "—", o.reason or "—"] for o in orders])


register_milestone("first_order", lambda incident: _first(incident, "issued_at"))
register_milestone("first_arrival", lambda incident: _first(incident, "on_scene_at"))
register_section(20, "orders", _orders)
