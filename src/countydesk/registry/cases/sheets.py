"""The cases databases in Excel (导入导出): columns, services and records for the registry sheets kit."""

from django.utils.translation import gettext_lazy as _

from countydesk.core.taxonomy import type_code_of
from countydesk.registry.plans.choices import PlanStatus
from countydesk.registry.plans.models import Plan
from countydesk.registry.sheets.kit import Col, day, decimal, register_database, related, unit, whole

from . import services as cases
from .models import Case


def _event_type(value) -> str:
    code = type_code_of(str(value))
    if code is None:
        raise ValueError(_("Unknown event type %s.") % str(value).strip())
    return code


def _plans(value) -> list:
    titles = [t.strip() for t in str(value).split("、") if t.strip()]
    # The newest version of each title, preferring one that is no longer a draft.
    candidates = sorted(Plan.objects.filter(title__in=titles), key=lambda p: (p.status != PlanStatus.DRAFT, p.version))
    found = {p.title: p for p in candidates}
    unknown = [t for t in titles if t not in found]
    if unknown:
        raise ValueError(_("No plan titled %s.") % "、".join(unknown))
    return [found[t] for t in titles]


# The case library keeps its established Chinese column titles (cases.services.COLUMNS).


register_database(
    "cases", label=_("Case library"), list_url="/cases/", create=cases.do_create_case, update=cases.do_update_case,
    permissions=("cases.manage",),
    columns=[
        Col("标题", "title", required=True), Col("事件类型", "event_type", _event_type,
                                               lambda c: f"{c.event_type} {c.type_name}", required=True),
        Col("发生日期", "occurred_on", day, required=True), Col("乡镇", "township", unit, related("township")),
        Col("地点", "place"), Col("死亡人数", "deaths", whole), Col("受伤人数", "injuries", whole),
        Col("直接经济损失(万元)", "direct_loss", decimal), Col("概要", "summary", required=True),
        Col("经验教训", "lessons"),
        Col("关联预案", "plans", _plans, lambda c: "、".join(p.title for p in c.plans.all())),
    ],
    queryset=lambda: Case.objects.select_related("township").prefetch_related("plans").order_by("pk"),
)
