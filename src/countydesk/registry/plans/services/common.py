"""Who may see and change which plan: shared by every plans service and page."""

from django.db.models import Q
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import has_perm, is_county_wide
from countydesk.base.errors import Forbidden, NotFound, ServiceError, TooLarge

from ..choices import PlanStatus
from ..models import Plan


def can_manage_unit(actor, unit) -> bool:
    """Emergency staff and admins manage every plan; a unit leader the plans of their own unit."""
    if has_perm(actor, "plans.manage"):
        return True
    return bool(has_perm(actor, "plans.manage_own") and actor.unit_id and unit.is_within(actor.unit))


def require_unit(actor, unit):
    if not can_manage_unit(actor, unit):
        raise Forbidden(_("You may only manage your own unit's plans."))


def visible_plans(user, queryset=None):
    """Plans are shared information; drafts only for their owner unit and county-wide roles."""
    queryset = Plan.objects.all() if queryset is None else queryset
    if is_county_wide(user):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    own = Q(owner__path__startswith=user.unit.path) if user.unit_id else Q(pk__in=[])
    return queryset.filter(~Q(status=PlanStatus.DRAFT) | own)


def get_plan(user, pk) -> Plan:
    plan = visible_plans(user).select_related("owner", "lead_unit", "previous").filter(pk=pk).first()
    if plan is None:
        raise NotFound(_("No such record."))
    return plan
