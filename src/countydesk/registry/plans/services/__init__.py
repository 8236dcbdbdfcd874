"""Every change to plans, filings, documents and drills goes through these functions."""

from .common import TooLarge, can_manage_unit, get_plan, visible_plans
from .drills import do_close_action, do_create_drill, do_update_drill, get_drill, visible_drills
from .plans import (
    do_abolish_plan,
    do_create_plan,
    do_issue_plan,
    do_record_evaluation,
    do_record_filing,
    do_start_revision,
    do_update_filing,
    do_update_plan,
    do_upload_document,
    plan_state,
)

__all__ = [
    "TooLarge", "can_manage_unit", "get_plan", "visible_plans", "do_close_action", "do_create_drill",
    "do_update_drill", "get_drill", "visible_drills", "do_abolish_plan", "do_create_plan", "do_issue_plan",
    "do_record_evaluation", "do_record_filing", "do_start_revision", "do_update_filing", "do_update_plan", "do_upload_document",
    "plan_state",
]
