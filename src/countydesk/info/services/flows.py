"""The chapter's state machines (流程): submissions, topics and commissions, one transition table each
(core.workflow). Services take these transitions; pages draw their buttons and the API its actions from them."""

from django.utils.translation import gettext_lazy as _

from countydesk.core.workflow import Workflow, step

from ..choices import CommissionStatus, SubmissionStatus, TopicStatus
from .common import require_own_unit

S, T, C = SubmissionStatus, TopicStatus, CommissionStatus

SUBMISSION_FLOW = Workflow(S, [
    step("send", S.DRAFT, S.PENDING_UNIT, "submission.send", perm="info.draft",
         label=_("Send for unit sign-off")),
    step("unit_signoff", S.PENDING_UNIT, S.SUBMITTED, "submission.unit_signoff", perm="info.unit_signoff",
         label=_("Unit sign-off and submit")),
    step("unit_return", S.PENDING_UNIT, S.DRAFT, "submission.unit_return", perm="info.unit_signoff",
         label=_("Return to the writer"), comment="comment", comment_required=True),
    step("accept", S.SUBMITTED, S.ACCEPTED, "submission.accept", perm="info.edit", label=_("Accept"),
         comment="comment"),
    step("return", S.SUBMITTED, S.DRAFT, "submission.return", perm="info.edit", label=_("Return with comments"),
         comment="comment", comment_required=True),
    step("reject", S.SUBMITTED, S.REJECTED, "submission.reject", perm="info.edit", label=_("Reject"),
         comment="comment", comment_required=True),
    step("sign_off", S.ACCEPTED, S.SIGNED, "submission.sign_off", perm="info.sign_off",
         label=_("Sign off (审签)")),
    # An item the sign-off rule lets be signed with its issue (info.rules.own_sign_off) is signed when the issue is.
    step("sign_with_issue", S.ACCEPTED, S.SIGNED, "submission.sign_with_issue"),
    step("publish", S.SIGNED, S.PUBLISHED, "submission.publish", perm="info.edit", label=_("Mark published")),
], check=require_own_unit, unit=lambda s: s.unit)

TOPIC_FLOW = Workflow(T, [
    step("accept", T.PROPOSED, T.ACCEPTED, "topic.accept", perm="info.edit"),
    step("reject", T.PROPOSED, T.REJECTED, "topic.reject", perm="info.edit"),
    step("schedule", T.ACCEPTED, T.SCHEDULED, "topic.schedule", perm="info.edit"),
    step("commission", T.SCHEDULED, T.COMMISSIONED, "topic.commission", perm="info.edit"),
], unit=lambda t: t.unit)

# A commission is fulfilled when a piece linked to it is first submitted to the information section, and goes
# back to issued (open, or overdue) if that piece is rejected; see services.topics. Fulfilling and reopening
# follow the submission's own transitions, whose permission checks cover them.
COMMISSION_FLOW = Workflow(C, [
    step("fulfil", C.ISSUED, C.FULFILLED, "commission.fulfil"),
    step("reopen", C.FULFILLED, C.ISSUED, "commission.reopen"),
    step("cancel", C.ISSUED, C.CANCELLED, "commission.cancel", perm="info.edit"),
], unit=lambda c: c.unit)
