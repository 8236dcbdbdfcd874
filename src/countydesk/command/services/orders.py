"""Dispatch order services (调度令): issue an order to a team, one service per transition, the escalation of
orders not acknowledged in time, and who sees which orders."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.accounts.choices import Role
from countydesk.accounts.models import User
from countydesk.accounts.scoping import has_perm, is_county_wide, require
from countydesk.accounts.system import SYSTEM
from countydesk.audit.services import record
from countydesk.base.errors import ValidationFailed
from countydesk.base.services import validated_save
from countydesk.core.events import publish
from countydesk.core.outbox.services import enqueue
from countydesk.core.ui.times import stamp
from countydesk.incidents.access import incidents_for
from countydesk.incidents.choices import OPEN_STATUSES
from countydesk.orgs.choices import PostKind
from countydesk.orgs.models import Person, Post
from countydesk.registry.teams.choices import Readiness
from countydesk.registry.teams.models import Team

from ..flows.orders import ORDER_FLOW
from ..models.orders import OPEN_ORDER_STATUSES, DispatchOrder, OrderEvent, OrderStatus
from ..rules.orders import acknowledge_minutes

TOPIC = "command.incident"
# Posts in the team's home unit whose holders hear of its orders (besides the team leaders' accounts).
NOTIFIED_POSTS = (PostKind.TEAM_LEADER, PostKind.UNIT_LEADER, PostKind.DUTY_OFFICER, PostKind.EMERGENCY_LIAISON)


def sees_all_orders(user) -> bool:
    """The county-wide roles and the duty desk see every order."""
    return is_county_wide(user) or (getattr(user, "is_authenticated", False) and user.has_role(Role.DUTY_OFFICER))


def orders_for(user):
    """The orders `user` may see: all for the office and desk, a team leader's own teams', a township's incidents'."""
    orders = DispatchOrder.objects.select_related("team", "team__unit", "incident")
    if not has_perm(user, "command.view"):
        return orders.none()
    if sees_all_orders(user):
        return orders
    if user.unit_id is None:
        return orders.none()
    path = user.unit.path
    return orders.filter(Q(team__unit__path__startswith=path) | Q(incident__township__path__startswith=path))


def command_incidents_for(user):
    """The incidents whose command page `user` may open: every one for the office and desk, a township's own,
    and for a team leader those their teams are ordered to."""
    if not has_perm(user, "command.view"):
        return incidents_for(user).none()
    if sees_all_orders(user):
        return incidents_for(user).model.objects.filter(merged_into__isnull=True)
    visible = incidents_for(user)
    ordered = Q(pk__in=orders_for(user).values("incident_id"))
    return visible.model.objects.filter(merged_into__isnull=True).filter(Q(pk__in=visible.values("pk")) | ordered)


def _validate_issue(incident, team, task: str):
    if incident.status not in OPEN_STATUSES or incident.merged_into_id:
        raise ValidationFailed(_("This incident is closed: no orders can be issued for it."),
                               fields={"incident_id": [_("The incident is closed.")]})
    if not task.strip():
        raise ValidationFailed(_("Say what the team is to do."), fields={"task": [_("This field is required.")]})
    if team.readiness == Readiness.NOT_READY:
        message = _("%(team)s is not ready (readiness: %(readiness)s).") % {
            "team": team.name, "readiness": team.get_readiness_display()}
        raise ValidationFailed(message, fields={"team_id": [message]})
    busy = DispatchOrder.objects.filter(team=team, status__in=OPEN_ORDER_STATUSES).select_related("incident").first()
    if busy is not None:
        message = _("%(team)s is already on %(order)s (%(incident)s, %(status)s).") % {
            "team": team.name, "order": busy.number, "incident": busy.incident.title,
            "status": busy.get_status_display()}
        raise ValidationFailed(message, fields={"team_id": [message]})


@transaction.atomic
def do_issue_order(actor, incident, team, task: str, experts=(), destination: str = "", lat=None, lon=None,
                   at=None) -> DispatchOrder:
    """Order a team (and experts) to an incident's scene (下达调度令); the destination defaults to the incident's
    location. Refused for a team not ready or already on another open order (the message names that order).
    `at`: when it was issued, if not now (an order given by radio and recorded afterwards)."""
    require(actor, "command.dispatch")
    team = Team.objects.select_for_update(of=("self",)).select_related("unit").get(pk=team.pk)
    _validate_issue(incident, team, task)
    if lat is None and lon is None:
        lat, lon = incident.lat, incident.lon
    order = DispatchOrder(incident=incident, team=team, task=task.strip(), lat=lat, lon=lon,
                          destination=(destination or "").strip() or incident.address, issued_at=at or timezone.now(),
                          issued_by=actor if isinstance(actor, User) else None)
    validated_save(order)
    order.experts.set(experts)
    _event(order, "issue", actor, at=at)
    after = {"incident": incident.pk, "team": team.name, "task": order.task, "destination": order.destination}
    if experts:
        after["note"] = _("Experts: %s") % ", ".join(e.name for e in experts)
    record(actor, "order.issue", order, after=after, unit=team.unit)
    subject = _("Dispatch order: %(team)s to %(incident)s") % {"team": team.name, "incident": incident.title}
    _notify(order, "issue", subject, _order_text(order), _unit_addresses(team))
    return order


def _event(order, kind: str, actor, note: str = "", at=None):
    OrderEvent.objects.create(order=order, at=at or timezone.now(), kind=kind, status=order.status, note=note[:300],
                              actor=actor if isinstance(actor, User) else None,
                              actor_name=getattr(actor, "username", "") or "system")
    data = {"incident": order.incident_id, "order": order.pk, "status": order.status, "kind": kind}
    township = order.incident.township
    publish(TOPIC, data, unit=township)
    if township is not None and not order.team.unit.is_within(township):
        publish(TOPIC, data, unit=order.team.unit)


def _order_text(order) -> str:
    lines = [_("Incident: %s") % order.incident.title, _("Team: %s") % order.team.name,
             _("Task: %s") % order.task, _("Destination: %s") % order.destination,
             _("Issued at: %s") % stamp(order.issued_at)]
    if order.lat is not None:
        lines.append(_("Position: %(lat).5f, %(lon).5f") % {"lat": order.lat, "lon": order.lon})
    experts = ", ".join(e.name for e in order.experts.all())
    if experts:
        lines.append(_("Experts: %s") % experts)
    return "\n".join(lines)


def _unit_addresses(team) -> dict[str, str]:
    """E-mail addresses of the team's home unit: its team leaders' accounts and the holders of its notified posts."""
    addresses = {}
    for user in User.objects.filter(unit=team.unit, is_active=True, role_grants__role=Role.TEAM_LEADER).exclude(email=""):
        addresses.setdefault(user.email, str(user))
    posts = Post.objects.current().filter(unit=team.unit, kind__in=NOTIFIED_POSTS)
    for person in Person.objects.filter(active=True, posts__in=posts).exclude(email="").distinct():
        addresses.setdefault(person.email, person.name)
    return addresses


def _notify(order, kind: str, subject: str, body: str, addresses: dict[str, str]):
    for address, name in sorted(addresses.items()):
        enqueue("email", address, subject[:200], body, key=f"order:{order.pk}:{kind}:{address}", source=order,
                source_label=subject[:200], actor=None, recipient_name=name)


def _step(actor, order, name: str, time_field: str, note: str = "", at=None, **changes) -> DispatchOrder:
    """Take transition `name`, keeping its time (now, or `at` when recorded afterwards) and its step row."""
    at = at or timezone.now()
    order = ORDER_FLOW.take(actor, order, name, changes={time_field: at, **changes})
    _event(order, name, actor, note, at)
    return order


@ORDER_FLOW.entry("acknowledge")
@transaction.atomic
def do_acknowledge_order(actor, order, at=None) -> DispatchOrder:
    """The team has received the order (签收)."""
    return _step(actor, order, "acknowledge", "acknowledged_at", at=at)


@ORDER_FLOW.entry("depart")
@transaction.atomic
def do_depart_order(actor, order, at=None) -> DispatchOrder:
    """The team has set out (出发)."""
    return _step(actor, order, "depart", "departed_at", at=at)


@ORDER_FLOW.entry("arrive")
@transaction.atomic
def do_arrive_order(actor, order, at=None) -> DispatchOrder:
    """The team is on the scene (到达现场)."""
    return _step(actor, order, "arrive", "on_scene_at", at=at)


@ORDER_FLOW.entry("complete")
@transaction.atomic
def do_complete_order(actor, order, at=None) -> DispatchOrder:
    """The team has done its task (任务完成)."""
    return _step(actor, order, "complete", "completed_at", at=at)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Give the reason."), fields={"reason": [_("This field is required.")]})
    if len(reason) > 300:
        raise ValidationFailed(_("The reason is too long."), fields={"reason": [_("At most 300 characters.")]})
    return reason


@ORDER_FLOW.entry("decline")
@transaction.atomic
def do_decline_order(actor, order, reason: str = "", at=None) -> DispatchOrder:
    """The team cannot take the order (拒收), with its reason."""
    reason = _reason(reason)
    return _step(actor, order, "decline", "ended_at", reason, at, reason=reason)


@ORDER_FLOW.entry("cancel")
@transaction.atomic
def do_cancel_order(actor, order, reason: str = "", at=None) -> DispatchOrder:
    """The office withdraws an open order (撤销), with its reason."""
    reason = _reason(reason)
    return _step(actor, order, "cancel", "ended_at", reason, at, reason=reason)


def overdue_orders(now):
    """Issued orders not acknowledged within their rule-table limit and not yet escalated."""
    due = []
    waiting = DispatchOrder.objects.filter(status=OrderStatus.ISSUED, escalated_at__isnull=True)
    for order in waiting.select_related("incident", "team", "team__unit").order_by("issued_at"):
        if order.issued_at + timedelta(minutes=acknowledge_minutes(order.incident.grade)) <= now:
            due.append(order)
    return due


def _commanders() -> dict[str, str]:
    users = User.objects.filter(is_active=True, role_grants__role=Role.COMMANDER).exclude(email="")
    return {u.email: str(u) for u in users}


@transaction.atomic
def do_escalate_order(order, now=None) -> bool:
    """Escalate one unacknowledged order, once, to the team's unit and the commander (调度令超时未签收)."""
    now = now or timezone.now()
    order = DispatchOrder.objects.select_for_update(of=("self",)).select_related("incident", "team", "team__unit").get(
        pk=order.pk)
    if order.status != OrderStatus.ISSUED or order.escalated_at is not None:
        return False
    DispatchOrder.objects.filter(pk=order.pk).update(escalated_at=now)
    order.escalated_at = now
    minutes = acknowledge_minutes(order.incident.grade)
    subject = _("Not acknowledged within %(minutes)d minutes: %(order)s") % {"minutes": minutes,
                                                                                "order": order.number}
    _notify(order, "escalate", subject, _order_text(order), _unit_addresses(order.team) | _commanders())
    _event(order, "escalate", SYSTEM, subject, now)
    record(SYSTEM, "order.escalate", order, after={"escalated_at": now, "note": subject}, unit=order.team.unit)
    return True


def run_order_escalation(now=None) -> int:
    """The periodic task's work: escalate every order past its acknowledgement limit; returns how many."""
    now = now or timezone.now()
    return sum(do_escalate_order(order, now) for order in overdue_orders(now))
