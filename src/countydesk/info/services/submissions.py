"""Submissions: drafting, unit sign-off, screening, editing with versions, 审签, follow-ups (A3, A4, A7, A10)."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import get_scoped, is_county_wide, require, scope
from countydesk.audit.services import changed_fields, record, snapshot
from countydesk.base.errors import Conflict, ValidationFailed
from countydesk.base.services import apply_changes, validated_save
from countydesk.core.ui.times import stamp

from ..choices import UNIT_STATES, FollowUpStatus, SubmissionStatus
from ..models import Attachment, FollowUpRequest, Submission, SubmissionVersion
from ..rules import BODY_TOO_LONG, follow_up_due, max_body_chars, signed_with_issue, submission_deadline
from .common import acting_unit, check_upload, require_own_unit
from .flows import SUBMISSION_FLOW
from .topics import do_link_commission, fulfil_commission_of, reopen_commission_of

S = SubmissionStatus
CONTENT_FIELDS = {"title", "body", "kind", "tone", "theme", "early_signal", "event_at", "place", "source",
                  "collected_at", "written_at", "writer_name"}
TEXT_FIELDS = ("title", "body")


def visible_submissions(user):
    """Unit roles see their own unit's items in every state; county roles see items once submitted."""
    items = Submission.objects.all()
    if is_county_wide(user):
        return items.filter(~Q(status__in=UNIT_STATES) | Q(unit_id=user.unit_id))
    return scope(user, items)


def news_source(unit_ids, start, end):
    """Submitted items of `unit_ids` about events in [start, end], for matching news coverage (A9)."""
    items = Submission.objects.filter(unit_id__in=unit_ids, event_at__date__gte=start, event_at__date__lte=end)
    return items.exclude(status__in=UNIT_STATES).values_list("pk", "unit_id", "title", "body")


def compilable():
    """The compile guard (编辑入期): the submissions a periodical issue may carry — signed off (审签) ones, and accepted
    ones that the sign-off rule lets be signed with the issue (`rules.signed_with_issue`). Published ones may go into
    another periodical's issue too."""
    return Submission.objects.filter(Q(status__in=(S.SIGNED, S.PUBLISHED)) | Q(signed_with_issue(), status=S.ACCEPTED))


def product_source(ids):
    """Edited items for a periodical issue: (id, unit, title, body, writer) of the chosen compilable submissions."""
    items = compilable().filter(pk__in=[i for i in map(str, ids) if i.isdigit()]).select_related("unit")
    return [(s.pk, s.unit, s.title, s.body, s.writer_name) for s in items]


def product_candidates(limit: int = 200):
    """Compilable items not yet published, newest first, for compiling a periodical issue."""
    items = compilable().exclude(status=S.PUBLISHED).select_related("unit").order_by("-pk")
    return [(s.pk, s.unit.name, s.title) for s in items[:limit]]


def _carried(issue):
    ids = [i for i in issue.items.values_list("source_id", flat=True) if i.isdigit()]
    return Submission.objects.filter(pk__in=ids)


def issue_signed(issue):
    """An issue signed off: the accepted items it carries are signed with it, and each article compiled from a
    submission earns its periodical's adoption points."""
    from countydesk.accounts.system import SYSTEM

    for submission in _carried(issue).filter(status=S.ACCEPTED).order_by("pk"):
        SUBMISSION_FLOW.take(SYSTEM, submission, "sign_with_issue", changes={
            "signed_by": issue.signed_by, "signed_at": issue.signed_at}, audit={"issue": issue.pk})
    _adopt(issue)


def issue_sent(issue):
    """An issue sent out: the submissions it carries are published (those already published stay as they are)."""
    from countydesk.accounts.system import SYSTEM

    for submission in _carried(issue).filter(status=S.SIGNED).order_by("pk"):
        do_publish(SYSTEM, submission, at=issue.published_at, issue=issue)


def _adopt(issue):
    from countydesk.accounts.system import SYSTEM

    from ..models import Adoption, ScoreRule
    from .adoption import do_record_adoption

    rule = ScoreRule.objects.filter(code=issue.periodical.score_code).first()
    if rule is None:
        return
    submissions = _carried(issue)
    adopted = set(Adoption.objects.filter(rule=rule, submission__in=submissions).values_list("submission_id", flat=True))
    for submission in submissions.exclude(pk__in=adopted):
        do_record_adoption(SYSTEM, submission, rule, timezone.localtime(issue.signed_at).date(),
                           note=f"《{issue.periodical.name}》{issue.label}")


def get_submission(user, pk, lock=False) -> Submission:
    queryset = visible_submissions(user)
    return get_scoped(user, queryset.select_for_update() if lock else queryset, pk)


def _writer(actor) -> str:
    person = getattr(actor, "person", None)
    return (person.name if person else "") or str(getattr(actor, "display_name", "") or actor)


def _save_version(submission, actor, note="", at=None):
    SubmissionVersion.objects.create(
        submission=submission, number=submission.version, title=submission.title, body=submission.body,
        editor=actor if getattr(actor, "pk", None) else None, editor_name=str(actor), note=note,
        at=at or timezone.now())


def _check_times(submission, now):
    order = [("event_at", submission.event_at), ("collected_at", submission.collected_at),
             ("written_at", submission.written_at)]
    for name, at in order:
        if at > now:
            message = _("%(field)s cannot lie in the future (it says %(at)s).") % {
                "field": Submission._meta.get_field(name).verbose_name,
                "at": stamp(at)}
            raise ValidationFailed(message, fields={name: [message]})
    for (_earlier_name, earlier), (name, later) in zip(order, order[1:]):
        if later < earlier:
            message = _("Collection and writing cannot come before the event.")
            raise ValidationFailed(message, fields={name: [message]})


def _check_length(submission):
    limit, length = max_body_chars(), len(submission.body)
    if length > limit:
        message = str(BODY_TOO_LONG) % {"length": length, "limit": limit}
        raise ValidationFailed(message, fields={"body": [message]})


@transaction.atomic
def do_create_submission(actor, unit=None, follow_up_of=None, request=None, at=None, commission=None,
                         **fields) -> Submission:
    """A new draft (or a follow-up report 续报 of `follow_up_of`, answering `request` if given; or the
    piece written for `commission`, linked to it: the commission is fulfilled only when the piece is submitted)."""
    require(actor, "info.draft")
    now = at or timezone.now()
    fields = {"collected_at": fields.get("event_at", now), "written_at": now, "writer_name": _writer(actor)} | fields
    submission = Submission(unit=acting_unit(actor, unit), author=actor if getattr(actor, "pk", None) else None)
    apply_changes(submission, fields, CONTENT_FIELDS)
    if follow_up_of is not None:
        require_own_unit(actor, follow_up_of)
        submission.follow_up_of = follow_up_of
    _check_length(submission)
    _check_times(submission, now)
    submission.deadline = submission_deadline(submission.event_at, submission.early_signal)
    validated_save(submission)
    _save_version(submission, actor, _("first draft"), at=now)
    if request is not None:
        _answer(actor, request, submission)
    record(actor, "submission.create", submission, after=snapshot(submission), unit=submission.unit)
    if commission is not None:
        do_link_commission(actor, commission, submission)
    return submission


def _answer(actor, request: FollowUpRequest, submission: Submission):
    if request.submission_id != submission.follow_up_of_id or request.status != FollowUpStatus.OPEN:
        raise Conflict(_("This follow-up request is not open for this submission."))
    request.status, request.answer = FollowUpStatus.ANSWERED, submission
    request.save()
    record(actor, "followup.answer", request, after={"answer": submission.pk}, unit=submission.unit)


@transaction.atomic
def do_edit_submission(actor, submission, note="", **changes) -> Submission:
    """Officers edit their unit's drafts; the information section edits accepted items. Text changes make a version."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    require_own_unit(actor, submission)
    if submission.status == S.DRAFT:
        require(actor, "info.draft")
    elif submission.status == S.ACCEPTED:
        require(actor, "info.edit")
    else:
        raise Conflict(_("Only drafts and accepted items can be edited."))
    before = snapshot(submission)
    apply_changes(submission, changes, CONTENT_FIELDS)
    _check_length(submission)
    _check_times(submission, timezone.now())
    submission.deadline = submission_deadline(submission.event_at, submission.early_signal)
    if any(getattr(submission, f) != before[f] for f in TEXT_FIELDS):
        submission.version += 1
        _save_version(submission, actor, note)
    validated_save(submission)
    old, new = changed_fields(before, snapshot(submission))
    if new:
        record(actor, "submission.edit", submission, before=old, after=new, unit=submission.unit)
    return submission


def _step(actor, submission, name, **changes):
    return SUBMISSION_FLOW.take(actor, submission, name, changes=changes)


@SUBMISSION_FLOW.entry("send")
@transaction.atomic
def do_send_for_unit_signoff(actor, submission) -> Submission:
    return _step(actor, submission, "send")


@SUBMISSION_FLOW.entry("unit_signoff")
@transaction.atomic
def do_unit_signoff(actor, submission, at=None) -> Submission:
    """The unit leader signs off; the item reaches the information section (报送). A commission the item is linked
    to is fulfilled at this moment if it is still open (see `topics.fulfil_commission_of`)."""
    submission = _step(actor, submission, "unit_signoff", unit_signed_by=_user(actor), submitted_at=at or timezone.now())
    fulfil_commission_of(actor, submission)
    return submission


@SUBMISSION_FLOW.entry("unit_return")
@transaction.atomic
def do_unit_return(actor, submission, comment="") -> Submission:
    return _step(actor, submission, "unit_return", review_comment=comment)


def _review(actor, submission, name, comment="", at=None):
    return _step(actor, submission, name, reviewed_by=_user(actor), reviewed_at=at or timezone.now(),
                 review_comment=comment)


@SUBMISSION_FLOW.entry("accept")
@transaction.atomic
def do_accept_submission(actor, submission, comment="", at=None) -> Submission:
    return _review(actor, submission, "accept", comment, at)


@SUBMISSION_FLOW.entry("return")
@transaction.atomic
def do_return_submission(actor, submission, comment="") -> Submission:
    """Back to the unit as a draft, with the section's comments (退回修改)."""
    if not comment.strip():
        raise ValidationFailed(_("Say what to change."), fields={"comment": [_("Say what to change.")]})
    return _review(actor, submission, "return", comment)


@SUBMISSION_FLOW.entry("reject")
@transaction.atomic
def do_reject_submission(actor, submission, comment="") -> Submission:
    if not comment.strip():
        raise ValidationFailed(_("Give a reason."), fields={"comment": [_("Give a reason.")]})
    submission = _review(actor, submission, "reject", comment)
    reopen_commission_of(actor, submission)  # a rejected piece fulfils no commission
    return submission


@SUBMISSION_FLOW.entry("sign_off")
@transaction.atomic
def do_sign_off_submission(actor, submission, at=None) -> Submission:
    """审签 by the office leader before anything leaves the office."""
    return _step(actor, submission, "sign_off", signed_by=_user(actor), signed_at=at or timezone.now())


@SUBMISSION_FLOW.entry("publish")
@transaction.atomic
def do_publish(actor, submission, at=None, issue=None) -> Submission:
    """Marks an item published: by hand, or when the periodical issue carrying it is sent (`publish_issue_items`)."""
    return SUBMISSION_FLOW.take(actor, submission, "publish", changes={"published_at": at or timezone.now()},
                                audit={"issue": issue.pk} if issue is not None else None)


@transaction.atomic
def do_add_attachment(actor, submission, upload) -> Attachment:
    require(actor, "info.draft" if submission.status == S.DRAFT else "info.edit")
    require_own_unit(actor, submission)
    if submission.status not in (S.DRAFT, S.ACCEPTED):
        raise Conflict(_("Attachments can be added to drafts and accepted items only."))
    check_upload(upload)
    attachment = Attachment(submission=submission, name=upload.name[:200], size=upload.size,
                            uploaded_by=_user(actor), uploaded_at=timezone.now())
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    record(actor, "submission.attach", attachment, after={"name": attachment.name, "size": attachment.size},
           unit=submission.unit)
    return attachment


@transaction.atomic
def do_request_follow_up(actor, submission, note: str, due=None) -> FollowUpRequest:
    require(actor, "info.edit")
    if submission.status in UNIT_STATES:
        raise Conflict(_("Ask for follow-ups on submitted items only."))
    now = timezone.now()
    request = validated_save(FollowUpRequest(submission=submission, note=note, due=due or follow_up_due(now),
                                             requested_by=_user(actor), requested_at=now))
    record(actor, "followup.request", request, after=snapshot(request), unit=submission.unit)
    return request


def _user(actor):
    return actor if getattr(actor, "pk", None) else None
