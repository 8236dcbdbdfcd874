"""Guidance, research topics, the timetable, commissions and their reminders (A1, A2)."""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.audit.services import record, snapshot
from countydesk.base.errors import Conflict, TransitionNotAllowed, ValidationFailed
from countydesk.base.services import validated_save
from countydesk.core.outbox.services import enqueue
from countydesk.orgs.choices import INFO_OFFICER_POSTS
from countydesk.orgs.models import Post

from ..choices import UNIT_STATES, CommissionStatus, SubmissionStatus, TopicStatus
from ..models import Commission, CommissionCounter, Guidance, Reminder, Theme, Topic
from ..rules import commission_deadline, reminder_from
from .common import acting_unit, require_own_unit
from .flows import COMMISSION_FLOW, TOPIC_FLOW

T = TopicStatus


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


@transaction.atomic
def do_create_guidance(actor, year: int, title: str, themes: list[str], body: str = "", issued_on=None) -> Guidance:
    require(actor, "info.edit")
    guidance = validated_save(Guidance(year=year, title=title, body=body, issued_on=issued_on))
    for number, theme in enumerate(themes, start=1):
        validated_save(Theme(guidance=guidance, number=number, title=theme))
    record(actor, "guidance.create", guidance, after=snapshot(guidance) | {"themes": themes})
    return guidance


@transaction.atomic
def do_propose_topic(actor, title: str, outline: str, intended_month: date, theme=None, unit=None,
                     at=None) -> Topic:
    require(actor, "info.propose")
    topic = Topic(unit=acting_unit(actor, unit), title=title, outline=outline, theme=theme,
                  intended_month=intended_month.replace(day=1), proposed_by=_user(actor),
                  proposed_at=at or timezone.now())
    validated_save(topic)
    record(actor, "topic.propose", topic, after=snapshot(topic), unit=topic.unit)
    return topic


def _topic_step(actor, topic, name, **changes):
    return TOPIC_FLOW.take(actor, topic, name, changes=changes)


@transaction.atomic
def do_accept_topic(actor, topic, reason="") -> Topic:
    return _topic_step(actor, topic, "accept", screened_by=_user(actor),
                       screened_at=timezone.now(), reason=reason)


@transaction.atomic
def do_reject_topic(actor, topic, reason="") -> Topic:
    if not reason.strip():
        raise ValidationFailed(_("Give a reason."), fields={"reason": [_("Give a reason.")]})
    return _topic_step(actor, topic, "reject", screened_by=_user(actor),
                       screened_at=timezone.now(), reason=reason)


@transaction.atomic
def do_schedule_topic(actor, topic, due: date | None = None) -> Topic:
    """Put an accepted topic at the end of its year's timetable (排出时间表), due by `due`."""
    year = topic.intended_month.year
    last = Topic.objects.filter(intended_month__year=year).aggregate(n=Max("sequence"))["n"] or 0
    return _topic_step(actor, topic, "schedule", sequence=last + 1,
                       due=due or commission_deadline(max(topic.intended_month, timezone.localdate())))


def _next_number(year: int) -> int:
    """The year's next notice number: the counter row is locked until the commission is committed, so two
    editors issuing at once queue for it and get consecutive numbers."""
    counter, _created = CommissionCounter.objects.get_or_create(year=year)
    counter = CommissionCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


@transaction.atomic
def do_commission_topic(actor, topic, requirements: str, deadline: date | None = None) -> Commission:
    """Issue the commission notice (约稿通知单) for a scheduled topic, in timetable order."""
    require(actor, "info.edit")
    earlier = Topic.objects.filter(status=T.SCHEDULED, intended_month__year=topic.intended_month.year,
                                   sequence__lt=topic.sequence or 0).exclude(pk=topic.pk)
    if earlier.exists():
        raise Conflict(_("Commission the topics in timetable order; first: %(title)s") % {
            "title": earlier.order_by("sequence").first().title})
    topic = _topic_step(actor, topic, "commission")
    issued = timezone.now()
    year = timezone.localdate(issued).year
    commission = validated_save(Commission(
        topic=topic, unit=topic.unit, number=f"约稿〔{year}〕{_next_number(year)}号", requirements=requirements,
        deadline=deadline or topic.due or commission_deadline(timezone.localdate(issued)),
        issued_by=_user(actor), issued_at=issued))
    record(actor, "commission.issue", commission, after=snapshot(commission), unit=commission.unit)
    return commission


@transaction.atomic
def do_link_commission(actor, commission, submission) -> Commission:
    """The unit links the piece it writes for an open commission (also done by writing it from the notice).

    Linking does not fulfil the commission: it is fulfilled when the piece is submitted to the information section
    (`fulfil_commission_of`, on the unit leader's sign-off). Linking a piece that is already with the information
    section fulfils it at once, as of that piece's submission time."""
    require(actor, "info.draft")
    require_own_unit(actor, commission)
    if submission.unit_id != commission.unit_id:
        raise ValidationFailed(_("Link a submission of the commissioned unit."),
                               fields={"submission_id": [_("Link a submission of the commissioned unit.")]})
    if submission.status == SubmissionStatus.REJECTED:
        raise ValidationFailed(_("A rejected submission cannot fulfil a commission."),
                               fields={"submission_id": [_("A rejected submission cannot fulfil a commission.")]})
    commission = Commission.objects.select_for_update().get(pk=commission.pk)
    if commission.status != CommissionStatus.ISSUED:
        raise TransitionNotAllowed(commission.status, CommissionStatus.FULFILLED,
                                   COMMISSION_FLOW.next_states(commission.status))
    if commission.submission_id is not None or Commission.objects.filter(submission=submission).exists():
        raise Conflict(_("This submission already fulfils a commission.") if commission.submission_id is None
                       else _("A submission is already linked to this commission."))
    commission.submission = submission
    commission.save(update_fields=["submission"])
    record(actor, "commission.link", commission, before={"submission": None},
           after={"submission": submission.pk, "submission_status": submission.status}, unit=commission.unit)
    if submission.status not in UNIT_STATES:
        commission = _fulfil(actor, commission, submission.submitted_at or timezone.now())
    return commission


def _fulfil(actor, commission, at) -> Commission:
    return COMMISSION_FLOW.take(actor, commission, "fulfil",
                                changes={"fulfilled_at": at, "submission_id": commission.submission_id})


def fulfil_commission_of(actor, submission) -> Commission | None:
    """The linked piece has just been submitted (报送): its open commission is fulfilled as of that moment.

    Called inside the submission's transition (the unit leader's sign-off), whose permission check covers it. A
    commission counts as fulfilled when a piece was *first* submitted on it: a piece returned for changes (退回修改)
    and submitted again leaves the commission fulfilled at the first submission. Cancelled commissions stay
    cancelled."""
    commission = Commission.objects.select_for_update().filter(submission=submission).first()
    if commission is None or commission.status != CommissionStatus.ISSUED:
        return commission
    return _fulfil(actor, commission, submission.submitted_at)


def reopen_commission_of(actor, submission) -> Commission | None:
    """The linked piece was rejected: a rejected piece does not fulfil a commission, so the commission is unlinked
    and open again (overdue once past its deadline, reminded and penalised as if nothing had been sent)."""
    commission = Commission.objects.select_for_update().filter(submission=submission).first()
    if commission is None or commission.status == CommissionStatus.CANCELLED:
        return commission
    if commission.status == CommissionStatus.ISSUED:  # linked but never fulfilled: just unlink
        commission.submission = None
        commission.save(update_fields=["submission"])
        record(actor, "commission.unlink", commission, before={"submission": submission.pk},
               after={"submission": None}, unit=commission.unit)
        return commission
    return COMMISSION_FLOW.take(actor, commission, "reopen", changes={"submission": None, "fulfilled_at": None})


@transaction.atomic
def do_cancel_commission(actor, commission) -> Commission:
    return COMMISSION_FLOW.take(actor, commission, "cancel")


def _recipients(unit) -> list[str]:
    posts = Post.objects.current().filter(unit=unit, kind__in=INFO_OFFICER_POSTS).select_related("person")
    return sorted({p.person.email for p in posts if p.person.email}
                  | set(unit.users.filter(is_active=True).exclude(email="").values_list("email", flat=True)))


def _remind(actor, commission, today) -> Reminder:
    overdue = today > commission.deadline
    recipients = _recipients(commission.unit)
    subject = (_("Overdue commission: %(title)s") if overdue else _("Commission due %(deadline)s: %(title)s")) % {
        "title": commission.topic.title, "deadline": commission.deadline.isoformat()}
    body = (f"{commission.number}\n{commission.topic.title}\n{commission.requirements}\n"
            f"{_('Deadline')}: {commission.deadline.isoformat()}")
    reminder = Reminder.objects.create(commission=commission, day=today, overdue=overdue,
                                       recipients=", ".join(recipients), sent_at=timezone.now())
    for address in recipients:
        enqueue("email", address, subject, body, key=f"reminder:{reminder.pk}:{address}", source=reminder,
                source_label=commission.number, actor=actor, recipient_name=commission.unit.name)
    record(actor, "commission.remind", reminder, after={"commission": commission.pk, "overdue": overdue,
                                                        "recipients": recipients}, unit=commission.unit)
    return reminder


def send_reminders(actor, today: date | None = None) -> list[Reminder]:
    """Once a day: remind every open commission inside its reminder window or overdue (催稿)."""
    today = today or timezone.localdate()
    sent = []
    open_ = Commission.objects.filter(status=CommissionStatus.ISSUED).exclude(reminders__day=today)
    for commission in open_.select_related("topic", "unit"):
        if today >= reminder_from(commission.deadline):
            with transaction.atomic():
                sent.append(_remind(actor, commission, today))
    return sent


def ready_submissions_for(commission):
    """The unit's submissions that could be linked to a commission (drafts included; rejected ones not)."""
    return commission.unit.info_submissions.exclude(status=SubmissionStatus.REJECTED).filter(commission__isnull=True)
