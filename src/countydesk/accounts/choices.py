from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    INFO_EDITOR = "info_editor", _("County information editor")
    OFFICE_LEADER = "office_leader", _("Office leader (sign-off)")
    UNIT_INFO_OFFICER = "unit_info_officer", _("Unit information officer")
    UNIT_LEADER = "unit_leader", _("Unit leader")
    DUTY_OFFICER = "duty_officer", _("Duty officer")
    EMERGENCY_STAFF = "emergency_staff", _("Emergency office staff")
    COMMANDER = "commander", _("Commander")
    TEAM_LEADER = "team_leader", _("Rescue team leader")
    AUDITOR = "auditor", _("Auditor (read-only)")


# Roles whose holders work for the whole instance, not only their own unit.
COUNTY_WIDE_ROLES = frozenset(
    {Role.ADMIN, Role.INFO_EDITOR, Role.OFFICE_LEADER, Role.EMERGENCY_STAFF, Role.COMMANDER, Role.AUDITOR}
)

# Roles that reach people outside their own unit by phone in an emergency (值班、应急办、指挥): they read
# every team's, expert's and volunteer's contact details; every other role reads those of its own unit's
# subtree and sees the others masked (个人信息保护法: the least that the job needs).
CONTACT_ROLES = frozenset({Role.DUTY_OFFICER, Role.EMERGENCY_STAFF, Role.COMMANDER})
