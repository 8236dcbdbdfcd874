"""Teams, volunteers and experts API: thin, every change goes through services."""

from datetime import date
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, FilterSchema, Query, Router, Schema, Status
from ninja.filter_schema import FilterLookup
from ninja.pagination import paginate

from countydesk.accounts.scoping import scope
from countydesk.base.api import ErrorOut, NumberedPagination, Row, rows_for
from countydesk.base.errors import NotFound, ValidationFailed
from countydesk.orgs.models import Unit
from countydesk.orgs.privacy import ContactView, contact_rows

from countydesk.core import records

from . import services
from .choices import Availability, Readiness, TeamKind
from .models import Expert, Team, Volunteer

router = Router(tags=["teams, volunteers and experts"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def unit_ref(data: dict, key: str = "unit_id") -> dict:
    """Turn `unit_id` of a payload into the Unit (unknown id → 422 naming the field)."""
    if key in data:
        unit = Unit.objects.filter(pk=data.pop(key)).first()
        if unit is None:
            raise ValidationFailed(_("Unknown unit."), fields={key: [_("Unknown unit.")]})
        data["unit"] = unit
    return data


class TeamOut(Row):
    id: int
    name: str
    kind: TeamKind
    unit_id: int
    leader: str
    phone: str
    headcount: int
    readiness: Readiness
    capabilities: list[str]
    address: str
    lat: float | None
    lon: float | None


class TeamIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    kind: TeamKind
    unit_id: int
    leader: str = Field("", max_length=50)
    phone: str = Field("", max_length=30)
    headcount: int = Field(0, ge=0)
    readiness: Readiness = Readiness.READY
    capabilities: list[str] = Field(default_factory=list, max_length=60)
    address: str = Field("", max_length=200)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)


class TeamPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=100)
    kind: TeamKind | None = None
    unit_id: int | None = None
    leader: str | None = Field(None, max_length=50)
    phone: str | None = Field(None, max_length=30)
    headcount: int | None = Field(None, ge=0)
    readiness: Readiness | None = None
    capabilities: list[str] | None = Field(None, max_length=60)
    address: str | None = Field(None, max_length=200)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)


class TeamFilter(FilterSchema):
    q: Annotated[str | None, FilterLookup(["name__icontains", "leader__icontains"])] = None
    kind: TeamKind | None = None
    readiness: Readiness | None = None
    unit: Annotated[int | None, FilterLookup("unit_id")] = None


class VolunteerOut(Row):
    id: int
    name: str
    phone: str
    skills: str
    unit_id: int
    availability: Availability


class ExpertOut(Row):
    id: int
    name: str
    title: str
    unit_id: int
    specialties: list[str]
    phone: str
    availability: Availability


class CertificateOut(Row):
    id: int
    member_id: int
    name: str
    number: str
    expires: date


@router.get("/teams", response={200: list[TeamOut], **ERRORS})
@paginate(NumberedPagination)
def list_teams(request, filters: Query[TeamFilter], capability: str | None = None):
    """Every signed-in user reads the team registry (队伍库)."""
    teams = filters.filter(Team.objects.all())
    if capability:
        teams = teams.filter(pk__in=[t.pk for t in teams.only("pk", "capabilities") if capability in t.capabilities])
    return contact_rows(request.user, rows_for(teams, TeamOut))


@router.get("/teams/certificates/expiring", response={200: list[CertificateOut], **ERRORS})
@paginate(NumberedPagination)
def expiring_certificates(request):
    return rows_for(scope(request.user, services.expiring_certificates(), "member__team__unit"), CertificateOut)


@router.get("/teams/volunteers", response={200: list[VolunteerOut], **ERRORS})
@paginate(NumberedPagination)
def list_volunteers(request, availability: Availability | None = None):
    """Volunteers of the units the caller may see (personal data stays in scope)."""
    volunteers = scope(request.user, Volunteer.objects.all())
    volunteers = volunteers.filter(availability=availability) if availability else volunteers
    return contact_rows(request.user, rows_for(volunteers, VolunteerOut))


@router.get("/teams/experts", response={200: list[ExpertOut], **ERRORS})
@paginate(NumberedPagination)
def list_experts(request, specialty: str | None = None):
    experts = Expert.objects.all()
    if specialty:
        experts = experts.filter(pk__in=[e.pk for e in experts.only("pk", "specialties") if specialty in e.specialties])
    return contact_rows(request.user, rows_for(experts, ExpertOut))


@router.get("/teams/{team_id}", response={200: TeamOut, **ERRORS})
def get_team(request, team_id: int):
    return _readable(request.user, _team(team_id))


def _team(team_id: int) -> Team:
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise NotFound(_("No such record."))
    return team


def _readable(user, team: Team) -> dict:
    return ContactView.of(user).row(team.unit_id, TeamOut.model_validate(team).model_dump())


@router.post("/teams", response={201: TeamOut, **ERRORS})
def create_team(request, payload: TeamIn):
    return Status(201, services.do_create_team(request.user, **unit_ref(payload.dict())))


@router.patch("/teams/{team_id}", response={200: TeamOut, **ERRORS})
def update_team(request, team_id: int, payload: TeamPatch):
    team = services.do_update_team(request.user, _team(team_id), **unit_ref(payload.dict(exclude_unset=True)))
    return _readable(request.user, team)


@router.get("/geo/teams", response={200: dict, **ERRORS})
def geo_teams(request, kind: TeamKind | None = None):
    """The team layer of the map as a GeoJSON FeatureCollection."""
    teams = Team.objects.select_related("unit").filter(**({"kind": kind} if kind else {}))
    view = ContactView.of(request.user)
    return records.geojson_layer(teams, lambda team: team_properties(team) | {
        "phone": view.phone(team.unit_id, team.phone)})


def team_properties(team: Team) -> dict:
    return {"name": team.name, "kind": team.get_kind_display(), "unit": team.unit.name,
            "readiness": team.readiness, "readiness_label": team.get_readiness_display(),
            "headcount": team.headcount, "phone": team.phone, "url": f"/teams/{team.pk}/"}


