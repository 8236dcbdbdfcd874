"""The state machine of a periodical issue (期刊流程): compiled, signed off (审签), sent (core.workflow)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countydesk.base.errors import ValidationFailed
from countydesk.core.workflow import Workflow, step

from .choices import IssueStatus as I


def _has_items(actor, issue):
    if not issue.items.exists():
        raise ValidationFailed(_("An issue needs at least one article."), fields={"items": [_("Empty issue.")]})


ISSUE_FLOW = Workflow(I, [
    step("submit", I.DRAFT, I.PENDING, "issue.submit", perm="periodicals.compile", guard=_has_items,
         label=gettext_lazy("Send for sign-off")),
    step("sign", I.PENDING, I.SIGNED, "issue.sign", perm="periodicals.sign", label=gettext_lazy("Sign off")),
    step("return", I.PENDING, I.DRAFT, "issue.return", perm="periodicals.sign", label=gettext_lazy("Return"),
         comment="reason", comment_required=True),
    step("publish", I.SIGNED, I.PUBLISHED, "issue.publish", perm="periodicals.compile",
         label=gettext_lazy("Send out")),
])
