"""The state machines of incidents and of their reports upward (初报、续报、终报), one transition table each
(core.workflow)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countydesk.accounts.scoping import has_perm
from countydesk.base.errors import Forbidden
from countydesk.core.workflow import Workflow, step

from .access import require_reach
from .choices import ReportStatus as R
from .choices import Status as I


def require_signer(actor, report):
    """County reports: the office leader or the commander; a unit's own reports: its unit leader."""
    if report.unit.parent_id is None:
        allowed = has_perm(actor, "incidents.sign_county")
    else:
        allowed = (has_perm(actor, "incidents.sign_unit") and actor.unit_id is not None
                   and report.unit.is_within(actor.unit))
    if not allowed:
        raise Forbidden(_("Only the head of the reporting unit signs this report off."))


def _handle(name, sources, target, label):
    return step(name, sources, target, f"incident.{target}", perm="incidents.handle", check=require_reach,
                label=label, comment="note")


INCIDENT_FLOW = Workflow(I, [
    _handle("verify", I.RECEIVED, I.VERIFIED, gettext_lazy("Verified")),
    _handle("respond", I.VERIFIED, I.RESPONDING, gettext_lazy("Responding")),
    _handle("close", (I.RECEIVED, I.VERIFIED, I.RESPONDING), I.CLOSED, gettext_lazy("Closed")),
    # No button or API action: an incident becomes 已评估 only with its after-action evaluation written
    # (the command app's do_write_evaluation), never by a bare status change.
    step("evaluate", I.CLOSED, I.EVALUATED, "incident.evaluated", perm="incidents.handle", check=require_reach,
         comment="note"),
])

REPORT_FLOW = Workflow(R, [
    step("submit", R.DRAFT, R.PENDING, "report.submit", perm="incidents.report",
         check=lambda actor, report: require_reach(actor, report.incident), label=gettext_lazy("Send to the signer")),
    step("sign", R.PENDING, R.SIGNED, "report.sign", check=require_signer, label=gettext_lazy("Sign off")),
    step("send_back", R.PENDING, R.DRAFT, "report.send_back", check=require_signer,
         label=gettext_lazy("Return for changes")),
    step("send", R.SIGNED, R.SENT, "report.send", perm="incidents.report",
         check=lambda actor, report: require_reach(actor, report.incident), label=gettext_lazy("Send upward")),
    step("return", R.SIGNED, R.DRAFT, "report.return", perm="incidents.report", label=gettext_lazy("Back to draft")),
])
