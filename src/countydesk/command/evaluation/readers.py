"""What the command records add to an evaluation: the response milestones (activation, termination), the
dispatch milestones (first order, first team on scene), and the sections on responses (plans and levels),
orders (teams used, declined, cancelled or escalated), supplies moved to the scene, and requisitions with the
compensation due."""

from django.db.models import Max, Min
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from countydesk.core.ui.times import stamp

from ..milestones import register_milestone
from ..models.allocations import Allocation, AllocationLine
from ..models.orders import DispatchOrder
from ..models.requisitions import Requisition
from ..models.responses import Response, ResponseStatus
from .sections import Section, register_section


def _first(incident, field):
    return DispatchOrder.objects.filter(incident=incident).aggregate(first=Min(field))["first"]


def _activated(incident):
    return Response.objects.filter(incident=incident).aggregate(first=Min("activated_at"))["first"]


def _controlled(incident):
    """When the last response was terminated, once none is active any more."""
    responses = Response.objects.filter(incident=incident)
    if not responses.exists() or responses.filter(status=ResponseStatus.ACTIVE).exists():
        return None
    return responses.aggregate(last=Max("terminated_at"))["last"]


def _responses(incident) -> Section | None:
    responses = list(Response.objects.filter(incident=incident).select_related("plan").prefetch_related("level_changes")
                     .order_by("activated_at"))
    if not responses:
        return None
    header = [str(capfirst(Response._meta.get_field(f).verbose_name)) for f in ("plan", "level", "activated_at")]
    return Section(_("Responses"), [*header, _("Level changes"), _("Terminated at")],
                   [[r.plan.title, r.get_level_display(), stamp(r.activated_at),
                     "；".join(f"{stamp(c.changed_at)} {c.get_level_from_display()}→{c.get_level_to_display()}"
                              for c in r.level_changes.all()) or "—", stamp(r.terminated_at) or "—"]
                    for r in responses])


def _orders(incident) -> Section | None:
    orders = list(DispatchOrder.objects.filter(incident=incident).select_related("team").order_by("issued_at"))
    if not orders:
        return None
    fields = ("team", "status", "issued_at", "on_scene_at", "escalated_at", "reason")
    return Section(_("Dispatch orders"), [str(capfirst(DispatchOrder._meta.get_field(f).verbose_name)) for f in fields],
                   [[o.team.name, o.get_status_display(), stamp(o.issued_at), stamp(o.on_scene_at) or "—",
                     stamp(o.escalated_at) or "—", o.reason or "—"] for o in orders])


register_milestone("activation", _activated)
register_milestone("control", _controlled)
register_milestone("first_order", lambda incident: _first(incident, "issued_at"))
register_milestone("first_arrival", lambda incident: _first(incident, "on_scene_at"))
register_section(15, "responses", _responses)
register_section(20, "orders", _orders)


def _headers(model, fields) -> list[str]:
    return [str(capfirst(model._meta.get_field(f).verbose_name)) for f in fields]


def _supplies(incident) -> Section | None:
    allocations = Allocation.objects.filter(incident=incident).select_related("depot").prefetch_related("lines__item")
    rows = [[a.depot.name, line.item.name, str(line.reserved), str(line.delivered), str(line.returned),
             a.get_status_display()] for a in allocations for line in a.lines.all()]
    if not rows:
        return None
    return Section(_("Supplies moved to the scene"),
                   [*_headers(Allocation, ("depot",)), *_headers(AllocationLine, ("item", "reserved", "delivered", "returned")),
                    *_headers(Allocation, ("status",))], rows)


def _requisitions(incident) -> Section | None:
    requisitions = list(Requisition.objects.filter(incident=incident).prefetch_related("lines"))
    if not requisitions:
        return None
    rows = [[r.owner_name, "、".join(line.description for line in r.lines.all()), r.get_status_display(),
             str(r.compensation), r.get_payment_status_display()] for r in requisitions]
    return Section(_("Requisitions and compensation"),
                   [*_headers(Requisition, ("owner_name",)), _("Requisitioned items"),
                    *_headers(Requisition, ("status", "compensation", "payment_status"))], rows,
                   note=_("Compensation due in all: %s yuan") % sum(r.compensation for r in requisitions))


register_section(30, "supplies", _supplies)
register_section(40, "requisitions", _requisitions)
