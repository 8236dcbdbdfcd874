"""GET /api/command/advice: decision support (辅助决策) for one incident."""

from ninja import Query, Router, Schema
from pydantic import Field

from countydesk.base.api import ErrorOut, Row

from ..advice.lookup import advice_for

router = Router(tags=["command"])  # mounted on the command API's router in api/__init__.py

ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class AdviceQuery(Schema):
    incident: int = Field(..., ge=1)
    plan: int | None = Field(None, ge=1)
    level: str | None = Field(None, max_length=3)
    radius_m: int | None = Field(None, ge=1, le=100_000)


class CandidateOut(Row):
    id: int
    name: str
    distance_m: int | None
    eta_min: float | None
    why: list[str]
    requirement: str | None = None
    kind: str | None = None
    readiness: str | None = None
    availability: str | None = None
    item_id: int | None = None
    balance: str | None = None
    capacity: int | None = None


class ShortfallOut(Row):
    kind: str
    requirement: str
    requirement_id: int | None
    needed: str
    available: str | None
    unit_of_measure: str
    text: str


class AdviceOut(Row):
    incident: dict
    plan: dict | None
    level: str | None
    radius_m: int
    teams: list[CandidateOut]
    experts: list[CandidateOut]
    depots: list[CandidateOut]
    shelters: list[CandidateOut]
    targets: list[CandidateOut]
    hazards: list[CandidateOut]
    shortfalls: list[ShortfallOut]
    notes: list[str]


@router.get("/command/advice", response={200: AdviceOut, **ERRORS})
def get_advice(request, query: Query[AdviceQuery]):
    """Ranked teams, experts, depots and shelters for the plan's requirements at the response level (plan and
    level default to the applicable ones), targets and hazards within the radius, and the shortfalls; every
    candidate with id, name, distance_m, eta_min and why. Read only."""
    advice = advice_for(request.user, query.incident, query.plan, query.level, query.radius_m)
    return advice.as_json()
