"""Response activation (启动响应), level changes (响应级别调整) and termination (响应终止).

The commander or the emergency office activates a plan for an incident at a level, usually the one the plans
chapter suggests (registry.plans.applicability); choosing another plan or level asks for the reason. The
plan's lead and supporting units are told through the outbox; the incident moves to 响应中 through its own
workflow. A refused activation (a role that may not) is audited as an attempt, outside the rolled-back change."""

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countydesk.accounts.scoping import has_perm, require
from countydesk.audit.services import record
from countydesk.base.errors import Conflict, Forbidden, NotFound, ValidationFailed
from countydesk.core.events import publish
from countydesk.core.outbox.services import enqueue
from countydesk.core.ui.times import moment
from countydesk.core.workflow import Workflow, step
from countydesk.incidents.choices import OPEN_STATUSES
from countydesk.incidents.choices import Status as IncidentStatus
from countydesk.incidents.access import incidents_for
from countydesk.incidents.models import Incident
from countydesk.incidents.services import incidents as incident_services
from countydesk.incidents.services.common import timeline
from countydesk.orgs.models import Person
from countydesk.registry.plans.applicability import suggest
from countydesk.registry.plans.choices import EFFECTIVE, ResponseLevel

from ..models.responses import Response, ResponseLevelChange, ResponseStatus

TOPIC = "command.responses"


def visible_responses(user, queryset=None):
    """Responses `user` may read: those of the incidents the user sees (the desk all, a township its own)."""
    queryset = queryset if queryset is not None else Response.objects.all()
    if not has_perm(user, "command.view"):
        return queryset.none()
    if has_perm(user, "incidents.desk"):
        return queryset
    return queryset.filter(incident__in=incidents_for(user).values("pk"))


def _reach(actor, response):
    if not visible_responses(actor).filter(pk=response.pk).exists():
        raise NotFound(_("No such record."))


FLOW = Workflow(ResponseStatus, [
    step("change_level", ResponseStatus.ACTIVE, ResponseStatus.ACTIVE, "response.change_level", perm="command.activate",
         label=gettext_lazy("Change the level"), comment="reason", comment_required=True),
    step("terminate", ResponseStatus.ACTIVE, ResponseStatus.TERMINATED, "response.terminate", perm="command.activate",
         label=gettext_lazy("Terminate the response"), comment="reason", comment_required=True),
], check=_reach, unit=lambda r: r.incident.township)


def get_response(user, pk) -> Response:
    response = visible_responses(user, Response.objects.select_related("incident", "plan")).filter(pk=pk).first()
    if response is None:
        raise NotFound(_("No such record."))
    return response


def unit_addresses(unit) -> list[str]:
    """A unit's e-mail addresses: its active users' and its people's."""
    users = unit.users.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    people = Person.objects.filter(unit=unit, active=True).exclude(email="").values_list("email", flat=True)
    return sorted(set(users) | set(people))


def _notify(actor, response: Response, subject: str, kind: str):
    """Tell the plan's lead and supporting units (outbox, one message per address)."""
    plan = response.plan
    units = [u for u in [plan.lead_unit, *plan.supporting_units.all()] if u is not None]
    body = render_to_string("command/response_notice.txt", {"response": response, "incident": response.incident,
                                                             "subject": subject})
    for unit in dict.fromkeys(units):
        for address in unit_addresses(unit):
            enqueue("email", address, subject, body, key=f"response:{response.pk}:{kind}:{address}", source=response,
                    source_label=subject, actor=actor, recipient_name=unit.name)


def _publish(response: Response):
    publish(TOPIC, {"response": response.pk, "incident": response.incident_id, "status": response.status,
                    "level": response.level}, unit=response.incident.township)


def refuse_activation(actor, incident_id: int):
    """Forbidden unless `actor` may activate; a refused attempt leaves an audit row of its own (its own
    transaction: the refusal rolls nothing back that it should keep)."""
    if has_perm(actor, "command.activate"):
        return
    if getattr(actor, "is_authenticated", False):
        with transaction.atomic():
            record(actor, "response.activate_refused", object_type="incidents.incident", object_id=str(incident_id),
                   after={"incident": incident_id})
    raise Forbidden(_("Your role does not allow this."))


def _check_level(level: str, field: str = "level"):
    if level not in ResponseLevel.values:
        raise ValidationFailed(_("Unknown response level."), fields={field: [", ".join(ResponseLevel.values)]})


def _check_choice(incident, plan, level: str, reason: str) -> str:
    """The suggested level for `plan` (empty when the plan is not suggested); a different choice needs a reason."""
    if plan.status not in EFFECTIVE:
        raise ValidationFailed(_("Only a plan in force can be activated."), fields={"plan_id": [plan.get_status_display()]})
    suggested = next((s.level for s in suggest(incident) if s.plan.pk == plan.pk), "")
    if suggested != level and not reason.strip():
        raise ValidationFailed(_("The plan or level differs from the suggestion; say why."),
                               fields={"reason": [_("Required when choosing another plan or level.")]})
    return suggested


def _move_incident(actor, incident):
    """Through the incidents workflow to 响应中 (a received incident is verified by the activation first)."""
    note = _("response activated")
    if incident.status == IncidentStatus.RECEIVED:
        incident = incident_services.do_verify_incident(actor, incident, note)
    if incident.status == IncidentStatus.VERIFIED:
        incident_services.do_respond_incident(actor, incident, note)


def do_activate_response(actor, incident, plan, level: str, reason: str = "") -> Response:
    """启动响应: `plan` for `incident` at `level`. One active response per incident and plan."""
    refuse_activation(actor, incident.pk)
    return _activate(actor, incident, plan, level, reason)


@transaction.atomic
def _activate(actor, incident, plan, level: str, reason: str) -> Response:
    require(actor, "command.activate")
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.status not in OPEN_STATUSES:
        raise Conflict(_("The incident is closed; no response can be activated."))
    _check_level(level)
    suggested = _check_choice(incident, plan, level, reason)
    existing = Response.objects.filter(incident=incident, plan=plan, status=ResponseStatus.ACTIVE).first()
    if existing is not None:
        raise Conflict(_("This plan is already active for the incident (%(level)s since %(since)s).")
                       % {"level": existing.get_level_display(), "since": moment(existing.activated_at)})
    try:
        with transaction.atomic():
            response = Response.objects.create(incident=incident, plan=plan, level=level, reason=reason.strip(),
                                               suggested_level=suggested, activated_at=timezone.now(),
                                               activated_by=actor)
    except IntegrityError:  # a second activation committed in between
        raise Conflict(_("This plan is already active for the incident.")) from None
    record(actor, "response.activate", response, after={"incident": incident.pk, "plan": plan.pk, "level": level,
                                                        "suggested_level": suggested, "reason": response.reason},
           unit=incident.township)
    timeline(incident, "response", _("%(plan)s: %(level)s response activated") % {
        "plan": plan.title, "level": response.get_level_display()}, actor)
    _move_incident(actor, incident)
    _notify(actor, response, _("Response activated: %(plan)s, %(level)s") % {
        "plan": plan.title, "level": response.get_level_display()}, "activate")
    _publish(response)
    return response


@FLOW.entry("change_level")
@transaction.atomic
def do_change_response_level(actor, response: Response, level: str, reason: str = "") -> Response:
    """响应升级/降级: a new level with its reason, kept as a ResponseLevelChange row."""
    _check_level(level)
    if not reason.strip():
        raise ValidationFailed(_("Say why the level changes."), fields={"reason": [_("Required.")]})
    now = timezone.now()

    def change(locked):
        if locked.level == level:
            raise ValidationFailed(_("The response is already at this level."), fields={"level": [level]})
        ResponseLevelChange.objects.create(response=locked, level_from=locked.level, level_to=level,
                                           reason=reason.strip(), changed_at=now, changed_by=actor)
        return {"level": level}

    response = FLOW.take(actor, response, "change_level", prepare=change, track=("level",), audit={"reason": reason})
    timeline(response.incident, "response", _("%(plan)s: level changed to %(level)s") % {
        "plan": response.plan.title, "level": response.get_level_display()}, actor)
    _notify(actor, response, _("Response level changed: %(plan)s, %(level)s") % {
        "plan": response.plan.title, "level": response.get_level_display()}, f"level:{now.timestamp()}")
    _publish(response)
    return response


@FLOW.entry("terminate")
@transaction.atomic
def do_terminate_response(actor, response: Response, reason: str = "") -> Response:
    """响应终止: the response ends, with its time, actor and reason."""
    if not reason.strip():
        raise ValidationFailed(_("Say why the response ends."), fields={"reason": [_("Required.")]})
    response = FLOW.take(actor, response, "terminate", changes={
        "terminated_at": timezone.now(), "terminated_by_id": actor.pk, "termination_reason": reason.strip()})
    timeline(response.incident, "response", _("%(plan)s: response terminated") % {"plan": response.plan.title}, actor)
    _notify(actor, response, _("Response terminated: %(plan)s") % {"plan": response.plan.title}, "terminate")
    _publish(response)
    return response
