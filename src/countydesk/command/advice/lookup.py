"""The incident and plan a request names, scoped to the reader (used by the API and the command line)."""

from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.base.errors import NotFound, ValidationFailed
from countydesk.incidents.access import incidents_for
from countydesk.registry.plans.choices import EFFECTIVE
from countydesk.registry.plans.models import Plan

from . import advise


def advice_for(user, incident_id, plan_id=None, level=None, radius_m=None):
    """advise() for an incident the user may see (command.view; a township only its own incidents: 404
    for others); an unknown or not effective plan is a 422 naming the field."""
    require(user, "command.view")
    incident = incidents_for(user).select_related("township").filter(pk=incident_id).first()
    if incident is None:
        raise NotFound(_("No such incident."))
    plan = None
    if plan_id is not None:
        plan = Plan.objects.filter(pk=plan_id, status__in=EFFECTIVE).first()
        if plan is None:
            raise ValidationFailed(_("No such plan in force."), fields={"plan": [_("Unknown plan.")]})
    return advise(incident, plan=plan, level=level, radius_m=radius_m)
