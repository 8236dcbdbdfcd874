"""The evaluation API: an incident's measured handling, and writing its evaluation (总结评估)."""

from ninja import Field, Router, Schema, Status

from countydesk.accounts.scoping import require
from countydesk.base.api import ErrorOut
from countydesk.base.errors import NotFound
from countydesk.incidents.access import incidents_for

from ..evaluation.measures import measure
from ..models.evaluation import Evaluation
from ..services.evaluation import LESSONS_MAX, do_write_evaluation

router = Router(tags=["command"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class IncidentEvaluationIn(Schema):
    lessons: str = Field(..., max_length=LESSONS_MAX)


class IncidentEvaluationOut(Schema):
    incident_id: int
    evaluated: bool
    lessons: str
    case_id: int | None
    measures: dict


def _incident(request, incident_id):
    require(request.user, "command.view")
    incident = incidents_for(request.user).filter(pk=incident_id).first()
    if incident is None:
        raise NotFound("No such incident.")
    return incident


def _out(incident, evaluation):
    if evaluation is None:
        return {"incident_id": incident.pk, "evaluated": False, "lessons": "", "case_id": None,
                "measures": measure(incident)}
    return {"incident_id": incident.pk, "evaluated": True, "lessons": evaluation.lessons,
            "case_id": evaluation.case_id, "measures": evaluation.measures}


@router.get("/command/evaluations/{incident_id}", response={200: IncidentEvaluationOut, **ERRORS})
def get_evaluation(request, incident_id: int):
    """The incident's evaluation, or (not yet evaluated) its handling as the record measures it now."""
    incident = _incident(request, incident_id)
    return _out(incident, Evaluation.objects.filter(incident=incident).first())


@router.post("/command/evaluations/{incident_id}", response={201: IncidentEvaluationOut, **ERRORS})
def write_evaluation(request, incident_id: int, payload: IncidentEvaluationIn):
    """Evaluate a closed incident: the figures are kept, it becomes 已评估 and a case in the case library."""
    incident = _incident(request, incident_id)
    return Status(201, _out(incident, do_write_evaluation(request.user, incident, payload.lessons)))
