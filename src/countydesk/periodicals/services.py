"""Compiling, signing off and sending out issues of the periodicals (A4, A5)."""

from typing import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.audit.services import record, snapshot
from countydesk.base.errors import NotFound, TransitionNotAllowed, ValidationFailed
from countydesk.base.services import apply_changes, validated_save
from countydesk.core.outbox.models import OutboxMessage
from countydesk.core.outbox.queries import messages_for
from countydesk.core.outbox.services import enqueue, record_manual_outcome
from countydesk.search.services import refresh_documents

from .choices import IssueStatus
from .document import issue_file
from .flows import ISSUE_FLOW
from .models import DistributionList, Issue, IssueCounter, IssueItem, Periodical

# Functions (ids) -> iterable of (id, unit, title, body, writer): the information chapter registers
# one, so an issue can be compiled from accepted submissions without this app importing it.
ITEM_SOURCES: list[Callable] = []
# Functions () -> iterable of (id, unit name, title) of items ready to be compiled.
CANDIDATE_SOURCES: list[Callable] = []
# Functions (issue) called when an issue is signed off, e.g. to record the adoption of its articles.
SIGN_OFF_HOOKS: list[Callable] = []
# Functions (issue) called when an issue is sent out, e.g. to publish the submissions it carries.
PUBLISH_HOOKS: list[Callable] = []
ITEM_FIELDS = {"title", "body", "unit", "writer", "order"}


def register_item_source(fn: Callable, candidates: Callable | None = None, on_sign_off: Callable | None = None,
                         on_publish: Callable | None = None):
    for registry, item in ((ITEM_SOURCES, fn), (CANDIDATE_SOURCES, candidates), (SIGN_OFF_HOOKS, on_sign_off),
                           (PUBLISH_HOOKS, on_publish)):
        if item is not None and item not in registry:
            registry.append(item)


def candidates(issue: Issue) -> list[tuple]:
    """Items that could go into `issue`: ready at their source and not yet in one of its periodical's issues."""
    used = set(IssueItem.objects.filter(issue__periodical=issue.periodical).exclude(source_id="")
               .values_list("source_id", flat=True))
    return [row for source in CANDIDATE_SOURCES for row in source() if str(row[0]) not in used]


def _take(actor, issue: Issue, name: str, **changes) -> Issue:
    issue = ISSUE_FLOW.take(actor, issue, name, changes=changes)
    refresh_documents("issue_item", issue.items.all())  # articles are searchable once signed off
    return issue


def _editable(issue: Issue):
    if issue.status != IssueStatus.DRAFT:
        raise TransitionNotAllowed(issue.status, IssueStatus.DRAFT, ISSUE_FLOW.next_states(issue.status))


@transaction.atomic
def do_create_issue(actor, periodical: Periodical, year: int | None = None, note: str = "") -> Issue:
    require(actor, "periodicals.compile")
    if not periodical.active:
        raise ValidationFailed(_("This periodical is no longer published."), fields={"periodical": [_("Inactive.")]})
    issue = Issue.objects.create(periodical=periodical, year=year or timezone.localdate().year, compiled_by=actor,
                                 note=note)
    record(actor, "issue.create", issue, after=snapshot(issue))
    return issue


@transaction.atomic
def do_add_item(actor, issue: Issue, **fields) -> IssueItem:
    require(actor, "periodicals.compile")
    _editable(issue)
    item = IssueItem(issue=issue, order=issue.items.count() + 1)
    apply_changes(item, fields | {"source_id": fields.pop("source_id", "")}, ITEM_FIELDS | {"source_id"})
    validated_save(item, exclude=["issue"])
    record(actor, "issue.add_item", issue, after={"item": item.pk, "title": item.title, "source": item.source_id})
    return item


@transaction.atomic
def do_update_item(actor, item: IssueItem, **changes) -> IssueItem:
    require(actor, "periodicals.compile")
    _editable(item.issue)
    before = snapshot(item)
    apply_changes(item, changes, ITEM_FIELDS)
    validated_save(item, exclude=["issue"])
    record(actor, "issue.edit_item", item.issue, before={k: before[k] for k in changes if k in before},
           after={k: snapshot(item).get(k) for k in changes if k in before} | {"item": item.pk})
    return item


@transaction.atomic
def do_remove_item(actor, item: IssueItem):
    require(actor, "periodicals.compile")
    _editable(item.issue)
    record(actor, "issue.remove_item", item.issue, before={"item": item.pk, "title": item.title})
    item.delete()


@transaction.atomic
def do_compile_from(actor, issue: Issue, source_ids: list) -> list[IssueItem]:
    """Add accepted submissions to a draft issue, copying their edited text."""
    rows = [row for source in ITEM_SOURCES for row in source(list(source_ids))]
    if len(rows) != len(set(map(str, source_ids))):
        raise NotFound(_("Some of the chosen submissions cannot be compiled."))
    return [do_add_item(actor, issue, source_id=str(sid), unit=unit, title=title[:200], body=body, writer=writer)
            for sid, unit, title, body, writer in rows]


@ISSUE_FLOW.entry("submit")
@transaction.atomic
def do_submit(actor, issue: Issue) -> Issue:
    return _take(actor, issue, "submit")


@ISSUE_FLOW.entry("return")
@transaction.atomic
def do_return(actor, issue: Issue, reason: str) -> Issue:
    require(actor, "periodicals.sign")
    if not reason.strip():
        raise ValidationFailed(_("Say why the issue goes back."), fields={"reason": [_("This field is required.")]})
    return _take(actor, issue, "return", note=reason.strip()[:200])


def _next_number(issue: Issue) -> int:
    counter, _ = IssueCounter.objects.get_or_create(periodical=issue.periodical, year=issue.year)
    counter = IssueCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


@ISSUE_FLOW.entry("sign")
@transaction.atomic
def do_sign(actor, issue: Issue) -> Issue:
    """审签: the leader signs off and the issue takes the next number of its periodical's year."""
    signed = ISSUE_FLOW.take(actor, issue, "sign", changes={"signed_by": actor, "signed_at": timezone.now()},
                             prepare=lambda current: {"number": _next_number(current)})
    refresh_documents("issue_item", signed.items.all())
    for hook in SIGN_OFF_HOOKS:
        hook(signed)
    return signed


@ISSUE_FLOW.entry("publish")
def do_publish(actor, issue: Issue) -> list[OutboxMessage]:
    """Send a signed issue to its periodical's recipients through the outbox: e-mails carry the .docx and the
    .pdf and go out after commit, faxes wait to be sent by hand and recorded."""
    require(actor, "periodicals.compile")
    # Set before the write transaction: a signed issue's text no longer changes, and a PDF takes a second or
    # two that SQLite's write lock should not wait for. A missing font fails here, before anything changes.
    attachments = [_attachment(issue, fmt) for fmt in ("docx", "pdf")]
    return _publish(actor, issue, attachments)


@transaction.atomic
def _publish(actor, issue: Issue, attachments: list) -> list[OutboxMessage]:
    recipients = list(DistributionList.objects.filter(periodical=issue.periodical))
    if not recipients:
        raise ValidationFailed(_("This periodical has no recipients yet."), fields={"recipients": [_("Empty.")]})
    issue = _take(actor, issue, "publish", published_at=timezone.now())
    for hook in PUBLISH_HOOKS:
        hook(issue)
    name = f"{issue.periodical.name}（{issue.label}）"
    body = _("%(periodical)s %(label)s is attached.") % {"periodical": issue.periodical.name, "label": issue.label}
    return [enqueue(r.channel, r.address, name, body, key=f"issue:{issue.pk}:{r.channel}:{r.address}", source=issue,
                    source_label=name, actor=actor, recipient_name=r.name, attachments=attachments)
            for r in recipients]


def _attachment(issue: Issue, fmt: str) -> tuple[str, bytes, str]:
    content, mimetype, filename = issue_file(issue, fmt)
    return filename, content, mimetype


@transaction.atomic
def do_record_fax(actor, message: OutboxMessage, sent: bool, note: str = "") -> OutboxMessage:
    """A fax is sent by hand; the clerk records the outcome."""
    require(actor, "periodicals.compile")
    if message.source_type_id != ContentType.objects.get_for_model(Issue).pk:
        raise ValidationFailed(_("Only an unsent fax can be recorded."), fields={"delivery": [_("Not a pending fax.")]})
    return record_manual_outcome(actor, message, sent, note)


def deliveries(issue: Issue):
    """An issue's deliveries (报送记录): its outbox messages."""
    return messages_for(issue).order_by("recipient_name", "pk")
