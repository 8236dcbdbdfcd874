"""Which incidents' allocations and requisitions a user sees (调度范围): those of the incidents they see
(the desk roles county-wide, a township its own); another's is 404."""

from django.utils.translation import gettext as _

from countydesk.accounts.scoping import has_perm
from countydesk.base.errors import NotFound
from countydesk.incidents.access import incidents_for

from ..models import Allocation, Requisition


def visible_incidents(user):
    if not has_perm(user, "command.view"):
        return incidents_for(user).none()
    return incidents_for(user)


def allocations_for(user):
    return Allocation.objects.filter(incident__in=visible_incidents(user)).select_related("incident", "depot")


def requisitions_for(user):
    return Requisition.objects.filter(incident__in=visible_incidents(user)).select_related("incident")


def require_incident(actor, incident):
    """NotFound unless `actor` sees `incident` (the platform itself sees everything)."""
    if not visible_incidents(actor).filter(pk=incident.pk).exists():
        raise NotFound(_("No such record."))
