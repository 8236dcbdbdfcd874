"""Every change to teams, members, volunteers and experts: audited, in a transaction, by role and unit."""

from datetime import timedelta

from django.utils import timezone

from countydesk.core.taxonomy import EVENT_TYPES
from countydesk.search.services import index_document

from countydesk.core import records
from .models import Certificate, Equipment, Expert, Member, Team, Training, Volunteer
from .rules import certificate_warning_days


def _types(codes) -> str:
    return "、".join(EVENT_TYPES[c].name for c in codes if c in EVENT_TYPES)


def index_team(team: Team):
    body = "　".join(filter(None, [team.get_kind_display(), team.unit.name, team.leader, team.address,
                                   _types(team.capabilities)]))
    index_document("team", team.pk, team.name, body, url=f"/teams/{team.pk}/")


def index_expert(expert: Expert):
    body = "　".join(filter(None, [expert.title, expert.unit.name, _types(expert.specialties)]))
    index_document("expert", expert.pk, expert.name, body, url=f"/teams/experts/{expert.pk}/")


def reindex_teams() -> int:
    teams = list(Team.objects.select_related("unit"))
    for team in teams:
        index_team(team)
    return len(teams)


def reindex_experts() -> int:
    experts = list(Expert.objects.select_related("unit"))
    for expert in experts:
        index_expert(expert)
    return len(experts)


TEAM = records.Kind("teams", "team", frozenset({"name", "kind", "unit", "leader", "phone", "headcount", "readiness",
                                            "capabilities", "note", "address", "lat", "lon"}),
                lambda t: t.unit, index_team)
MEMBER = records.Kind("teams", "team_member", frozenset({"team", "name", "phone", "position", "skills"}),
                  lambda m: m.team.unit)
CERTIFICATE = records.Kind("teams", "certificate", frozenset({"member", "name", "number", "expires"}),
                       lambda c: c.member.team.unit)
EQUIPMENT = records.Kind("teams", "team_equipment", frozenset({"team", "name", "quantity"}), lambda e: e.team.unit)
TRAINING = records.Kind("teams", "training", frozenset({"team", "date", "kind", "subject", "participants", "hours"}),
                    lambda t: t.team.unit)
VOLUNTEER = records.Kind("teams", "volunteer", frozenset({"name", "phone", "skills", "unit", "availability"}),
                     lambda v: v.unit)
EXPERT = records.Kind("teams", "expert", frozenset({"name", "title", "unit", "specialties", "phone", "availability"}),
                  lambda e: e.unit, index_expert)


def do_create_team(actor, **fields) -> Team:
    return records.create(actor, TEAM, Team, fields)


def do_update_team(actor, team: Team, **changes) -> Team:
    return records.update(actor, TEAM, team, changes)


def do_add_member(actor, **fields) -> Member:
    return records.create(actor, MEMBER, Member, fields)


def do_add_certificate(actor, **fields) -> Certificate:
    return records.create(actor, CERTIFICATE, Certificate, fields)


def do_add_equipment(actor, **fields) -> Equipment:
    return records.create(actor, EQUIPMENT, Equipment, fields)


def do_record_training(actor, **fields) -> Training:
    return records.create(actor, TRAINING, Training, fields)


def do_create_volunteer(actor, **fields) -> Volunteer:
    return records.create(actor, VOLUNTEER, Volunteer, fields)


def do_update_volunteer(actor, volunteer: Volunteer, **changes) -> Volunteer:
    return records.update(actor, VOLUNTEER, volunteer, changes)


def do_create_expert(actor, **fields) -> Expert:
    return records.create(actor, EXPERT, Expert, fields)


def do_update_expert(actor, expert: Expert, **changes) -> Expert:
    return records.update(actor, EXPERT, expert, changes)


def expiring_certificates(on=None):
    """Certificates expired or expiring within the warning rule's days, soonest first."""
    on = on or timezone.localdate()
    limit = on + timedelta(days=certificate_warning_days())
    return Certificate.objects.filter(expires__lte=limit).select_related("member__team__unit").order_by("expires")
