"""Dispatch order rules (调度令时限): one function reads each number of the OrderRule table."""

from countydesk.base.rules import rule_value
from countydesk.command.models import OrderRule


def acknowledge_minutes(grade: int) -> int:
    """Minutes a team has to acknowledge (签收) an order before it escalates: shorter for grade Ⅰ/Ⅱ incidents."""
    return rule_value(OrderRule, "acknowledge_minutes_major" if grade <= 2 else "acknowledge_minutes")
