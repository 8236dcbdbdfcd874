"""The state machine of an emergency plan (预案): draft → issued (印发) → filed (备案) → revising (修订) → superseded,
abolished from any live state (core.workflow). The plan services check the owner unit before each step."""

from countydesk.core.workflow import Workflow, step

from .choices import PlanStatus as P

LIVE = (P.DRAFT, P.ISSUED, P.FILED, P.REVISING)

PLAN_FLOW = Workflow(P, [
    step("issue", P.DRAFT, P.ISSUED, "plan.issued"),
    step("file", P.ISSUED, P.FILED, "plan.filed"),
    step("revise", (P.ISSUED, P.FILED), P.REVISING, "plan.revising"),
    step("supersede", P.REVISING, P.SUPERSEDED, "plan.superseded"),  # when the next version is issued
    step("abolish", LIVE, P.ABOLISHED, "plan.abolished"),
], unit=lambda plan: plan.owner)
