"""The information chapter's API: thin, every write through services."""

import calendar
from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from countydesk.accounts.scoping import get_scoped, scope
from countydesk.base.api import ErrorOut, NumberedPagination, rows_for
from countydesk.base.errors import ValidationFailed
from countydesk.orgs.models import Person, Unit

from . import services, stats
from .choices import SubmissionStatus
from .models import Commission, ScoreRule, FollowUpRequest, Guidance, Submission, Theme, Topic, TrainingSession
from .schemas import (AdoptionIn, AdoptionOut, RankOut, ScoreRuleOut, AttachmentOut, AttendanceIn, BalanceOut, CommentIn, CommissionIn, CommissionOut, FulfilIn,
                      FollowUpRequestIn, FollowUpRequestOut, GuidanceIn, GuidanceOut, ReasonIn, SameDayOut,
                      ScheduleIn, SubmissionIn, SubmissionListOut, SubmissionOut, SubmissionPatch, TopicIn, TopicOut,
                      TrainingIn, TrainingOut, VersionOut)
from .services.flows import SUBMISSION_FLOW
from .services.submissions import get_submission

router = Router(tags=["information"])
ERRORS = {code: ErrorOut for code in (403, 404, 409, 413, 422)}


def resolve(model, pk, field: str, queryset=None):
    """An object by the id a client sent; an unknown id is a 422 naming the field."""
    if pk is None:
        return None
    obj = (queryset if queryset is not None else model.objects).filter(pk=pk).first()
    if obj is None:
        raise ValidationFailed(_("Unknown id."), fields={field: [_("Unknown id.")]})
    return obj


def content(payload, exclude_unset=False) -> dict:
    data = payload.dict(exclude_unset=exclude_unset)
    fields = {k: v for k, v in data.items() if k not in ("theme_id", "unit_id", "request_id", "note")}
    if "theme_id" in data:
        fields["theme"] = resolve(Theme, data["theme_id"], "theme_id")
    return {k: v for k, v in fields.items() if v is not None or k == "theme"}


# --- guidance (A1) ---

@router.get("/info/guidance", response=list[GuidanceOut])
def guidance_list(request):
    return Guidance.objects.prefetch_related("themes")


@router.post("/info/guidance", response={201: GuidanceOut, **ERRORS})
def guidance_create(request, payload: GuidanceIn):
    return Status(201, services.do_create_guidance(request.user, **payload.dict()))


# --- topics and commissions (A2) ---

@router.get("/info/topics", response=list[TopicOut])
@paginate(NumberedPagination)
def topic_list(request, status: str | None = None):
    topics = scope(request.user, Topic.objects.all())
    return rows_for(topics.filter(status=status) if status else topics, TopicOut)


@router.post("/info/topics", response={201: TopicOut, **ERRORS})
def topic_propose(request, payload: TopicIn):
    data = payload.dict()
    data["theme"] = resolve(Theme, data.pop("theme_id"), "theme_id")
    data["unit"] = resolve(Unit, data.pop("unit_id"), "unit_id")
    return Status(201, services.do_propose_topic(request.user, **data))


def _topic(request, pk):
    return get_scoped(request.user, Topic.objects.all(), pk)


@router.post("/info/topics/{pk}/accept", response={200: TopicOut, **ERRORS})
def topic_accept(request, pk: int, payload: ReasonIn):
    return services.do_accept_topic(request.user, _topic(request, pk), payload.reason)


@router.post("/info/topics/{pk}/reject", response={200: TopicOut, **ERRORS})
def topic_reject(request, pk: int, payload: ReasonIn):
    return services.do_reject_topic(request.user, _topic(request, pk), payload.reason)


@router.post("/info/topics/{pk}/schedule", response={200: TopicOut, **ERRORS})
def topic_schedule(request, pk: int, payload: ScheduleIn):
    return services.do_schedule_topic(request.user, _topic(request, pk), payload.due)


@router.post("/info/topics/{pk}/commission", response={201: CommissionOut, **ERRORS})
def topic_commission(request, pk: int, payload: CommissionIn):
    return Status(201, services.do_commission_topic(request.user, _topic(request, pk), **payload.dict()))


@router.get("/info/commissions", response=list[CommissionOut])
@paginate(NumberedPagination)
def commission_list(request, overdue: bool = False):
    commissions = scope(request.user, Commission.objects.all())
    if overdue:
        commissions = commissions.filter(status="issued", deadline__lt=timezone.localdate())
    return rows_for(commissions, CommissionOut)


def _commission(request, pk):
    return get_scoped(request.user, Commission.objects.select_related("unit"), pk)


@router.post("/info/commissions/{pk}/link", response={200: CommissionOut, **ERRORS})
def commission_link(request, pk: int, payload: FulfilIn):
    """Link the unit's piece; the commission stays issued until the piece is submitted (fulfilled_at is then)."""
    submission = resolve(Submission, payload.submission_id, "submission_id", services.visible_submissions(request.user))
    return services.do_link_commission(request.user, _commission(request, pk), submission)


@router.post("/info/commissions/{pk}/fulfil", response={200: CommissionOut, **ERRORS})
def commission_fulfil(request, pk: int, payload: FulfilIn):
    """Former name of /link, kept for existing clients: it links, it no longer fulfils a draft."""
    return commission_link(request, pk, payload)


@router.post("/info/commissions/{pk}/cancel", response={200: CommissionOut, **ERRORS})
def commission_cancel(request, pk: int):
    return services.do_cancel_commission(request.user, _commission(request, pk))


# --- submissions (A3, A4, A6, A7, A10) ---

@router.get("/info/submissions", response=list[SubmissionListOut])
@paginate(NumberedPagination)
def submission_list(request, status: SubmissionStatus | None = None, unit_id: int | None = None,
                    theme_id: int | None = None, kind: str | None = None, tone: str | None = None):
    filters = {"status": status, "unit_id": unit_id, "theme_id": theme_id, "kind": kind, "tone": tone}
    items = services.visible_submissions(request.user).filter(**{k: v for k, v in filters.items() if v is not None})
    return rows_for(items, SubmissionListOut)


@router.post("/info/submissions", response={201: SubmissionOut, **ERRORS})
def submission_create(request, payload: SubmissionIn):
    unit = resolve(Unit, payload.unit_id, "unit_id")
    return Status(201, services.do_create_submission(request.user, unit=unit, **content(payload)))


@router.get("/info/submissions/{pk}", response={200: SubmissionOut, **ERRORS})
def submission_detail(request, pk: int):
    return get_submission(request.user, pk)


@router.patch("/info/submissions/{pk}", response={200: SubmissionOut, **ERRORS})
def submission_edit(request, pk: int, payload: SubmissionPatch):
    submission = get_submission(request.user, pk)
    return services.do_edit_submission(request.user, submission, note=payload.note,
                                       **content(payload, exclude_unset=True))


@router.get("/info/submissions/{pk}/versions", response={200: list[VersionOut], **ERRORS})
def submission_versions(request, pk: int):
    return get_submission(request.user, pk).versions.all()


@router.post("/info/submissions/{pk}/attachments", response={201: AttachmentOut, **ERRORS})
def submission_attach(request, pk: int, file: File[UploadedFile]):
    return Status(201, services.do_add_attachment(request.user, get_submission(request.user, pk), file))


@router.post("/info/submissions/{pk}/follow-up-requests", response={201: FollowUpRequestOut, **ERRORS})
def follow_up_request(request, pk: int, payload: FollowUpRequestIn):
    submission = get_submission(request.user, pk)
    return Status(201, services.do_request_follow_up(request.user, submission, payload.note, payload.due))


@router.post("/info/submissions/{pk}/follow-ups", response={201: SubmissionOut, **ERRORS})
def follow_up_create(request, pk: int, payload: SubmissionIn):
    """A follow-up report (续报) of submission `pk`, answering `request_id` when given."""
    original = get_submission(request.user, pk)
    follow_up = resolve(FollowUpRequest, payload.request_id, "request_id", original.follow_up_requests.all())
    return Status(201, services.do_create_submission(request.user, unit=original.unit, follow_up_of=original,
                                                    request=follow_up, **content(payload)))


# --- timeliness and balance (A4, A6) ---

@router.get("/info/timeliness", response=list[SameDayOut])
def timeliness(request, year: int | None = None):
    items = services.visible_submissions(request.user)
    return stats.same_day_rates(items.filter(event_at__year=year) if year else items)


@router.get("/info/balance", response=list[BalanceOut])
def balance(request, start: date | None = None, end: date | None = None):
    items = services.visible_submissions(request.user)
    if start:
        items = items.filter(event_at__date__gte=start)
    if end:
        items = items.filter(event_at__date__lte=end)
    return stats.balance(items, scope(request.user, reporting_units(), "self"))


def reporting_units():
    from countydesk.orgs.choices import UnitKind

    return Unit.objects.filter(kind__in=[UnitKind.TOWNSHIP, UnitKind.DEPARTMENT], active=True)


# --- key liaison units and training (A13) ---

@router.post("/info/liaison-rules", response={201: dict, **ERRORS})
def liaison_rules_upload(request, title: Form[str], adopted_on: Form[date], file: File[UploadedFile],
                         unit_id: Form[int | None] = None):
    unit = resolve(Unit, unit_id, "unit_id")
    document = services.do_upload_rule_document(request.user, title, file, adopted_on, unit=unit)
    return Status(201, {"id": document.pk, "unit_id": document.unit_id, "title": document.title})


@router.get("/info/trainings", response=list[TrainingOut])
def training_list(request):
    return TrainingSession.objects.all()


@router.post("/info/trainings", response={201: TrainingOut, **ERRORS})
def training_create(request, payload: TrainingIn):
    return Status(201, services.do_create_training(request.user, **payload.dict()))


@router.post("/info/trainings/{pk}/attendance", response={200: dict, **ERRORS})
def training_attendance(request, pk: int, payload: AttendanceIn):
    session = get_object_or_404(TrainingSession, pk=pk)
    person = resolve(Person, payload.person_id, "person_id")
    row = services.do_record_attendance(request.user, session, person, payload.status)
    return {"id": row.pk, "person_id": person.pk, "status": row.status}


# --- adoption and rankings (A11) ---

@router.get("/info/score-rules", response=list[ScoreRuleOut])
def score_rules(request):
    return ScoreRule.objects.all()


@router.post("/info/submissions/{pk}/adoptions", response={201: AdoptionOut, **ERRORS})
def adoption_record(request, pk: int, payload: AdoptionIn):
    rule = resolve(ScoreRule, payload.rule_id, "rule_id")
    submission = get_submission(request.user, pk)
    return Status(201, services.do_record_adoption(request.user, submission, rule, payload.on, payload.note))


@router.get("/info/rankings", response={200: list[RankOut], **ERRORS})
def rankings(request, year: int, month: int | None = None, quarter: int | None = None):
    """Units by points for a month, or for the whole year without `month`."""
    start, end = period_bounds(year, month, quarter)
    return services.ranking(start, end, scope(request.user, reporting_units(), "self"))


def period_bounds(year: int, month: int | None, quarter: int | None = None) -> tuple[date, date]:
    """The first and last day of a year, a quarter or a month (rankings are monthly, quarterly, yearly)."""
    if not 2000 <= year <= 2100 or (month is not None and not 1 <= month <= 12) or (
            quarter is not None and not 1 <= quarter <= 4) or (month and quarter):
        raise ValidationFailed(_("Give a year, and either a month from 1 to 12 or a quarter from 1 to 4."),
                               fields={"month": ["1..12"], "quarter": ["1..4"]})
    if quarter:
        first, last = 3 * quarter - 2, 3 * quarter
        return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


# --- the workflow steps last: its path would shadow the fixed sub-paths above ---

@router.post("/info/submissions/{pk}/{action}", response={200: SubmissionOut, **ERRORS})
def submission_action(request, pk: int, action: str, payload: CommentIn):
    """One step of the workflow: send, unit_signoff, unit_return, accept, return, reject, sign_off, publish."""
    return SUBMISSION_FLOW.run(action, request.user, get_submission(request.user, pk), payload.comment)
