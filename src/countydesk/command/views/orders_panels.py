"""The dispatch orders' part of the command page (调度令面板): the orders table with its buttons, the timeline,
the form to issue an order, and the map's scene and ordered-teams layers. Registered on import."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countydesk.accounts.scoping import has_perm
from countydesk.audit.display import actor_name_text
from countydesk.core.ui.times import countdown, duration
from countydesk.core.ui.workflow import buttons
from countydesk.geo.geojson import feature

from ..flows.orders import ORDER_FLOW
from ..models.orders import OrderEvent, OrderStatus
from ..page import register_map_layer, register_panel
from ..rules.orders import acknowledge_minutes
from ..services.orders import orders_for
from .order_forms import IssueOrderForm

S = OrderStatus


def incident_orders(user, incident):
    return orders_for(user).filter(incident=incident).prefetch_related("experts").order_by("issued_at", "id")


def _row(user, order, now, limit):
    row = {"order": order, "age": duration((now - order.issued_at).total_seconds()),
           "buttons": buttons(ORDER_FLOW, user, order), "ack_due": None}
    if order.status == S.ISSUED:
        row["ack_due"] = countdown(order.issued_at + timedelta(minutes=limit), now)
    return row


def orders_context(request, incident):
    now, limit = timezone.now(), acknowledge_minutes(incident.grade)
    rows = [_row(request.user, o, now, limit) for o in incident_orders(request.user, incident)]
    states = [(label, sum(1 for r in rows if r["order"].status == value)) for value, label in S.choices]
    return {"rows": rows, "open_count": sum(1 for r in rows if r["order"].is_open),
            "by_state": [(label, n) for label, n in states if n]}


STEP_TEXTS = {"issue": gettext_lazy("order issued"), "escalate": gettext_lazy("not acknowledged in time: escalated")}


def step_text(event) -> str:
    kind = event.kind
    label = STEP_TEXTS.get(kind) or ORDER_FLOW.transitions[kind].label
    text = f"{event.order.team.name}：{label}"
    return f"{text}（{event.note}）" if event.note and kind != "escalate" else text


def timeline_context(request, incident):
    """The incident's own timeline (reports, grades, phone reports) and every visible order's steps, by time."""
    entries = [{"at": e.at, "text": e.text, "actor": e.actor_text, "kind": "incident"} for e in incident.timeline.all()]
    events = OrderEvent.objects.filter(order__in=orders_for(request.user).filter(incident=incident))
    entries += [{"at": e.at, "text": step_text(e), "actor": actor_name_text(e.actor_name), "kind": "order"}
                for e in events.select_related("order__team")]
    return {"entries": sorted(entries, key=lambda e: e["at"], reverse=True)}


def issue_context(request, incident):
    if not has_perm(request.user, "command.dispatch"):
        return None
    return {"form": IssueOrderForm(), "open": incident.status in ("received", "verified", "responding")}


def scene_features(incident) -> list:
    if incident.lat is None or incident.lon is None:
        return []
    return [feature(incident.lat, incident.lon, {"name": incident.title, "label": _("Scene"),
                                                  "address": incident.address}, f"incident-{incident.pk}")]


def _team_point(order):
    """Where the map shows an ordered team: at home until it departs, half-way en route, at the scene on arrival."""
    team = order.team
    home = (team.lat, team.lon) if team.lat is not None else None
    scene = (order.lat, order.lon) if order.lat is not None else None
    if order.status in (S.ON_SCENE, S.COMPLETED):
        return scene or home
    if order.status == S.DEPARTED and home and scene:
        return ((home[0] + scene[0]) / 2, (home[1] + scene[1]) / 2)
    return home or scene


def team_features(incident, user) -> list:
    out = []
    for order in orders_for(user).filter(incident=incident).exclude(status__in=(S.DECLINED, S.CANCELLED)):
        point = _team_point(order)
        if point:
            out.append(feature(point[0], point[1], {"name": order.team.name, "status": order.status,
                                                    "label": order.get_status_display()}, f"order-{order.pk}"))
    return out


register_panel("orders", "command/panels/orders.html", orders_context, order=10)
register_panel("issue", "command/panels/issue.html", issue_context, order=20)
register_panel("timeline", "command/panels/timeline.html", timeline_context, order=90)
register_map_layer("scene", scene_features, label=gettext_lazy("Scene"), color="#b00020", order=0)
register_map_layer("teams", team_features, label=gettext_lazy("Ordered teams"), color="#1565c0", order=10)
