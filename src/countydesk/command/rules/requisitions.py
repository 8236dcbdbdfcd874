"""Requisition rules (征用补偿规则), one function reading each. Defaults (data migration command/0002_stock): the
written decision within 48 hours of requisitioning (DOMAIN.md §5), a lost item's value depreciated 10 % per year
of age, never below 10 % of its value (合理补偿)."""

from countydesk.base.rules import rule_value

from ..models import RequisitionRule

PAPERWORK_HOURS = "requisition_paperwork_hours"
DEPRECIATION_PERCENT = "depreciation_percent_per_year"
RESIDUAL_PERCENT = "depreciation_floor_percent"
DEFAULTS = [
    (PAPERWORK_HOURS, 48, "征用后补办征用决定书的时限（小时）"),
    (DEPRECIATION_PERCENT, 10, "灭失物品每使用一年折旧（%）"),
    (RESIDUAL_PERCENT, 10, "折旧后补偿不低于原值（%）"),
]


def paperwork_hours() -> int:
    return rule_value(RequisitionRule, PAPERWORK_HOURS)


def depreciation() -> tuple[int, int]:
    """(percent of the value lost per year of age, the floor in percent of the value)."""
    return rule_value(RequisitionRule, DEPRECIATION_PERCENT), rule_value(RequisitionRule, RESIDUAL_PERCENT)
