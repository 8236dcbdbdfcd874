"""Evaluating a closed incident (总结评估): the measures frozen with the office's lessons, the incident moved
to 已评估 through its own workflow, and the case it becomes in the case library."""

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.accounts.system import SYSTEM
from countydesk.audit.services import record
from countydesk.base.errors import Conflict, ValidationFailed
from countydesk.core.ui.times import local
from countydesk.incidents.choices import Status
from countydesk.incidents.services import do_evaluate_incident
from countydesk.registry.cases.services import do_create_case

from ..evaluation.measures import measure
from ..models.evaluation import Evaluation

LESSONS_MAX = 5000


@transaction.atomic
def do_write_evaluation(actor, incident, lessons: str) -> Evaluation:
    """The evaluation of `incident` (closed, not yet evaluated) with the lessons the office learned."""
    require(actor, "command.evaluate")
    lessons = (lessons or "").strip()
    if not lessons or len(lessons) > LESSONS_MAX:
        message = _("Enter the lessons learned (at most %d characters).") % LESSONS_MAX
        raise ValidationFailed(message, fields={"lessons": [message]})
    if incident.status == Status.CLOSED and not incident.type_code:
        message = _("Classify the incident (its event type) before evaluating it.")
        raise ValidationFailed(message, fields={"type_code": [message]})
    if Evaluation.objects.filter(incident=incident).exists():
        raise Conflict(_("Incident %s has been evaluated already.") % incident.number)
    incident = do_evaluate_incident(actor, incident, note=_("After-action evaluation"))
    evaluation = Evaluation.objects.create(incident=incident, lessons=lessons, measures=measure(incident),
                                           made_by=actor if getattr(actor, "pk", None) else None)
    evaluation.case = _file_case(incident, evaluation)
    evaluation.save(update_fields=["case"])
    record(actor, "evaluation.create", evaluation, unit=incident.township,
           after={"incident": incident.number, "case": evaluation.case_id,
                  "late": [i["label"] for i in evaluation.measures["intervals"] if i["late"]]})
    return evaluation


def _file_case(incident, evaluation):
    """The case library's entry for the incident, filed by the platform as the evaluation's consequence."""
    late = [i["label"] for i in evaluation.measures["intervals"] if i["late"]]
    summary = "\n".join(filter(None, [
        incident.description,
        _("Handled in: %s.") % "；".join(f"{i['label']} {i['verdict']}" for i in evaluation.measures["intervals"]),
        _("Over the limit: %s.") % "、".join(late) if late else "",
    ]))
    return do_create_case(
        SYSTEM, title=incident.title, event_type=incident.type_code,
        occurred_on=local(incident.occurred_at or incident.received_at).date(), township=incident.township,
        place=incident.address[:200], deaths=incident.deaths, injuries=incident.seriously_injured + incident.injured,
        direct_loss=(Decimal(incident.direct_loss) / 10000).quantize(Decimal("0.01")),
        summary=summary, lessons=evaluation.lessons, incident_ref=incident.number,
        plans=sorted({r.plan_id for r in incident.responses.all()}),
        source_url=reverse("command:evaluation", args=[incident.pk]))
