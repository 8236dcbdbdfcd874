from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    OVERALL = "overall", _("Overall plan")            # 总体应急预案
    SPECIAL = "special", _("Special plan")            # 专项应急预案
    DEPARTMENT = "department", _("Department plan")   # 部门应急预案
    JOINT = "joint", _("Joint plan")                  # 联合应急预案
    TOWNSHIP = "township", _("Township plan")         # 乡镇(街道)预案
    VILLAGE = "village", _("Village plan")            # 村(社区)预案
    UNIT = "unit", _("Unit plan")                     # 单位预案
    EVENT = "event", _("Major event plan")            # 重大活动预案


class PlanLevel(models.TextChoices):
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")
    VILLAGE = "village", _("Village")
    UNIT = "unit", _("Unit")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    FILED = "filed", _("Filed")
    REVISING = "revising", _("Under revision")
    SUPERSEDED = "superseded", _("Superseded")
    ABOLISHED = "abolished", _("Abolished")


# Plans in force: they count for coverage, linkage and due dates.
EFFECTIVE = (PlanStatus.ISSUED, PlanStatus.FILED, PlanStatus.REVISING)


class ResponseLevel(models.TextChoices):
    I = "I", _("Level Ⅰ")
    II = "II", _("Level Ⅱ")
    III = "III", _("Level Ⅲ")
    IV = "IV", _("Level Ⅳ")


class ResourceKind(models.TextChoices):
    TEAM = "team", _("Team")
    EXPERT = "expert", _("Expert")
    SUPPLY = "supply", _("Supply item")


class RevisionReason(models.TextChoices):
    LAW = "law", _("Law or upper-level plan changed")
    COMMAND = "command", _("Command body changed")
    RISK = "risk", _("Main risks changed")
    RESOURCES = "resources", _("Key resources changed")
    INFORMATION = "information", _("Other key information changed")
    LESSONS = "lessons", _("Problems exposed by a response or drill")


class DrillKind(models.TextChoices):
    TABLETOP = "tabletop", _("Tabletop exercise")
    FIELD = "field", _("Field drill")


class EvaluationItem(models.TextChoices):
    EXECUTION = "execution", _("Execution")
    SOUNDNESS = "soundness", _("Plan soundness")
    COORDINATION = "coordination", _("Coordination")
    PERSONNEL = "personnel", _("Personnel response")
    EQUIPMENT = "equipment", _("Equipment fitness")
