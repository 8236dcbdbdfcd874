"""Who may see and change what: the one place every app asks (数据权限).

County-wide roles see the whole tree; everyone else sees their own unit and its sub-units.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from countydesk.base.errors import Forbidden, NotFound

from .choices import COUNTY_WIDE_ROLES, Role

# Permission name -> roles that hold it. Apps add their own entries with `register_permissions`.
PERMISSIONS: dict[str, frozenset[str]] = {
    "orgs.manage": frozenset({Role.ADMIN}),
    "orgs.edit_own_unit_contacts": frozenset({Role.ADMIN, Role.UNIT_LEADER}),
    "orgs.manage_own_people": frozenset({Role.ADMIN, Role.UNIT_LEADER}),
    "accounts.manage": frozenset({Role.ADMIN}),
    "audit.view": frozenset({Role.ADMIN, Role.AUDITOR}),
}


def register_permissions(table: dict[str, set[str]]):
    for name, roles in table.items():
        PERMISSIONS[name] = frozenset(roles)


def is_county_wide(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (user.is_superuser or user.has_role(*COUNTY_WIDE_ROLES)))


def has_perm(user, permission: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or user.has_role(*PERMISSIONS[permission])


def require(user, permission: str):
    """Raise Forbidden unless `user` holds `permission`."""
    if not has_perm(user, permission):
        raise Forbidden(_("Your role does not allow this."))


def scope(user, queryset: QuerySet, unit_field: str = "unit") -> QuerySet:
    """Restrict `queryset` to rows whose `unit_field` lies inside what `user` may see."""
    if is_county_wide(user):
        return queryset
    if not getattr(user, "is_authenticated", False) or user.unit_id is None:
        return queryset.none()
    lookup = "path__startswith" if unit_field == "self" else f"{unit_field}__path__startswith"
    return queryset.filter(**{lookup: user.unit.path})


def can_reach_unit(user, unit) -> bool:
    return is_county_wide(user) or (user.unit_id is not None and unit.is_within(user.unit))


def get_scoped(user, queryset: QuerySet, pk, unit_field: str = "unit"):
    """One object by id, answering NotFound both for unknown ids and for objects outside the scope."""
    obj = scope(user, queryset, unit_field).filter(pk=pk).first()
    if obj is None:
        raise NotFound(_("No such record."))
    return obj
