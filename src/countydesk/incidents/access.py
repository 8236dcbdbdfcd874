"""Who may do what with incidents, and which incidents each user sees.

The duty desk roles work county-wide even when their own unit is a section of the office; township
roles see the intakes and incidents located in their own township.
"""

from django.utils.translation import gettext as _

from countydesk.accounts.choices import Role
from countydesk.accounts.scoping import has_perm, scope
from countydesk.base.errors import Forbidden

from .models import Incident, Intake, PhoneLog

DESK = {Role.DUTY_OFFICER, Role.EMERGENCY_STAFF, Role.COMMANDER}
TOWNSHIP = {Role.UNIT_LEADER, Role.UNIT_INFO_OFFICER}
PERMISSIONS = {
    "incidents.desk": DESK | {Role.ADMIN, Role.OFFICE_LEADER, Role.AUDITOR},
    "incidents.view": DESK | TOWNSHIP | {Role.ADMIN, Role.OFFICE_LEADER, Role.AUDITOR},
    "incidents.handle": DESK,
    "incidents.report": DESK | TOWNSHIP,
    "incidents.sign_county": {Role.OFFICE_LEADER, Role.COMMANDER},
    "incidents.sign_unit": {Role.UNIT_LEADER},
    "incidents.phone_log": DESK | TOWNSHIP,
    "incidents.import": {Role.DUTY_OFFICER, Role.EMERGENCY_STAFF},
    "incidents.manage_clients": {Role.ADMIN},
    "incidents.raw": DESK | {Role.ADMIN, Role.AUDITOR},  # the payloads as the systems sent them
}


def _visible(user, queryset, township_field: str):
    if has_perm(user, "incidents.desk"):
        return queryset
    if not has_perm(user, "incidents.view"):
        return queryset.none()
    return scope(user, queryset, township_field)


def incidents_for(user):
    return _visible(user, Incident.objects.filter(merged_into__isnull=True), "township")


def intakes_for(user):
    return _visible(user, Intake.objects.all(), "township")


def phone_logs_for(user):
    return _visible(user, PhoneLog.objects.select_related("intake", "recorder"), "intake__township")


def require_reach(user, incident: Incident):
    """Forbidden unless `user` works on `incident` (desk roles everywhere, township roles in their township)."""
    if not incidents_for(user).filter(pk=incident.pk).exists():
        raise Forbidden(_("This incident is outside your township."))
