"""Who may do what in command and dispatch (调度指挥). The commander and the emergency office act
county-wide; the duty desk follows; a team leader sees and updates only their own team's orders; a
township sees the responses to its incidents."""

from countydesk.accounts.choices import Role

OFFICE = {Role.COMMANDER, Role.EMERGENCY_STAFF}
DESK = OFFICE | {Role.DUTY_OFFICER}
TOWNSHIP = {Role.UNIT_LEADER, Role.UNIT_INFO_OFFICER}
PERMISSIONS = {
    "command.view": DESK | TOWNSHIP | {Role.TEAM_LEADER, Role.ADMIN, Role.OFFICE_LEADER, Role.AUDITOR},
    "command.activate": OFFICE,
    "command.dispatch": OFFICE,
    "command.team_update": {Role.TEAM_LEADER} | OFFICE,
    "command.allocate": OFFICE,
    "command.requisition": OFFICE,
    "command.evaluate": OFFICE,
}
