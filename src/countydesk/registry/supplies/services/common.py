"""Who may change which depot: shared by every supplies service."""

from django.utils.translation import gettext as _

from countydesk.accounts.scoping import has_perm
from countydesk.base.errors import Forbidden

from ..models import Depot


def can_manage_unit(actor, unit) -> bool:
    """County emergency staff and admins act everywhere; a unit leader inside their own unit."""
    if has_perm(actor, "supplies.manage"):
        return True
    return bool(has_perm(actor, "supplies.manage_own") and actor.unit_id and unit.is_within(actor.unit))


def require_unit(actor, unit):
    if not can_manage_unit(actor, unit):
        raise Forbidden(_("You may only manage your own unit's supplies."))


def require_depot(actor, depot: Depot):
    require_unit(actor, depot.unit)
