from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", _("People's government")
    OFFICE = "office", _("Government office")
    SECTION = "section", _("Section")
    TOWNSHIP = "township", _("Township / subdistrict")
    DEPARTMENT = "department", _("County department")
    VILLAGE = "village", _("Village / community")
    ENTERPRISE = "enterprise", _("Enterprise")
    SOCIAL_ORG = "social_org", _("Social organisation")


class PostKind(models.TextChoices):
    UNIT_LEADER = "unit_leader", _("Unit leader")
    INFO_OFFICER_FULL = "info_officer_full", _("Full-time information officer")
    INFO_OFFICER_PART = "info_officer_part", _("Part-time information officer")
    DUTY_OFFICER = "duty_officer", _("Duty officer")
    EMERGENCY_LIAISON = "emergency_liaison", _("Emergency liaison")
    TEAM_LEADER = "team_leader", _("Rescue team leader")
    STAFF = "staff", _("Staff")


INFO_OFFICER_POSTS = (PostKind.INFO_OFFICER_FULL, PostKind.INFO_OFFICER_PART)
