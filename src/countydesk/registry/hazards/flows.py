"""The state machine of a hidden danger (隐患): open → rectifying → closed → verified (core.workflow)."""

from countydesk.core import records
from countydesk.core.workflow import Workflow, step

from .choices import DangerStatus as D


def _manage(actor, danger):
    records.require_manage(actor, danger.hazard.unit, "hazards")


DANGER_FLOW = Workflow(D, [
    step("rectify", D.OPEN, D.RECTIFYING, "hidden_danger.rectifying", label=D.RECTIFYING.label,
         comment="measures"),
    step("close", D.RECTIFYING, D.CLOSED, "hidden_danger.closed", label=D.CLOSED.label),
    step("verify", D.CLOSED, D.VERIFIED, "hidden_danger.verified", label=D.VERIFIED.label),
    # Verification failed: back to rectification.
    step("reopen", D.CLOSED, D.RECTIFYING, "hidden_danger.rectifying", label=D.RECTIFYING.label),
], check=_manage, unit=lambda danger: danger.hazard.unit)
