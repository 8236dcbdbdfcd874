"""Pages of the information chapter: thin, reading through scoping and writing through services."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from countydesk.accounts.scoping import get_scoped, has_perm, scope
from countydesk.base.errors import NotFound, ServiceError
from countydesk.orgs.choices import INFO_OFFICER_POSTS
from countydesk.orgs.models import Person, Unit
from countydesk.core.ui.charts import bars
from countydesk.core.ui.files import download
from countydesk.core.ui.lists import LinkColumn, ListPage
from countydesk.core.ui.tables import Column
from countydesk.core.ui.errors import forbidden
from countydesk.core.ui.times import duration
from countydesk.core.ui.workflow import buttons, take_each, take_from_page

from . import quality, services, stats
from .api import period_bounds, reporting_units
from .choices import CommissionStatus, Kind, SubmissionStatus, Tone
from .diff import version_diffs
from .forms import (AdoptionForm, AttachmentForm, RankingForm, AttendanceForm, PeriodForm, QueueFilterForm, RuleDocumentForm, SubmissionForm,
                    TopicFilterForm, TopicForm, TrainingForm)
from .models import Commission, Topic, TrainingSession
from .services.flows import SUBMISSION_FLOW
from .services.submissions import get_submission
from .services.topics import ready_submissions_for

S = SubmissionStatus
def _try(http_request, fn, /, *args, **kwargs):
    """Run a service; show its error as a message. Returns the result or None."""
    try:
        return fn(*args, **kwargs)
    except ServiceError as exc:
        messages.error(http_request, exc.message)
        return None



QUEUE = ListPage(
    gettext_lazy("Submissions"),
    [
        LinkColumn(gettext_lazy("Title"), lambda s: s.title, link=lambda s: f"/info/submissions/{s.pk}/"),
        Column(gettext_lazy("Unit"), lambda s: s.unit.name),
        Column(gettext_lazy("Writer"), lambda s: s.writer_name),
        Column(gettext_lazy("Kind"), lambda s: s.get_kind_display()),
        Column(gettext_lazy("Tone"), lambda s: s.get_tone_display()),
        Column(gettext_lazy("Theme"), lambda s: s.theme.title if s.theme_id else ""),
        Column(gettext_lazy("Status"), lambda s: s.get_status_display()),
        Column(gettext_lazy("Event"), lambda s: s.event_at),
        Column(gettext_lazy("Submitted"), lambda s: s.submitted_at),
        Column(gettext_lazy("Late"), lambda s: s.late),
        Column(gettext_lazy("Figures"), lambda s: _("stale") if quality.stale_check(s).stale else ""),
    ],
    "submissions",
)


@login_required
def queue(request):
    """The information section's queue; for unit roles, their own unit's items (本单位稿件)."""
    form = QueueFilterForm(request.GET or None, units=scope(request.user, reporting_units(), "self"))
    items = form.filter(services.visible_submissions(request.user).select_related("unit", "theme"))
    return QUEUE.respond(request, items, form, extra={"can_draft": has_perm(request.user, "info.draft")},
                         template="info/queue.html")


@login_required
def submission_form(request, pk=None, follow_up_of=None):
    """New draft, a follow-up (续报) of `follow_up_of`, or editing draft / accepted item `pk`."""
    submission = _get(request, pk) if pk else None
    original = _get(request, follow_up_of) if follow_up_of else None
    commission = _open_commission(request) if not (submission or original) else None
    initial = {"event_at": timezone.localtime(), "collected_at": timezone.localtime(),
               "written_at": timezone.localtime(), "writer_name": str(request.user)}
    if commission:
        initial |= {"title": commission.topic.title, "kind": Kind.RESEARCH, "theme": commission.topic.theme_id}
    if submission:
        initial = {f: getattr(submission, f) for f in SubmissionForm.base_fields}
    form = SubmissionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if submission:
            saved = _try(request, services.do_edit_submission, request.user, submission,
                         note=request.POST.get("note", "")[:200], **form.cleaned_data)
        else:
            request_id = request.POST.get("request")
            answer = original.follow_up_requests.filter(pk=request_id).first() if original and request_id else None
            saved = _try(request, services.do_create_submission, request.user,
                         unit=(original or commission).unit if original or commission else None,
                         follow_up_of=original, request=answer, commission=commission, **form.cleaned_data)
        if saved:
            messages.success(request, _("Saved."))
            return redirect("info_submission", pk=saved.pk)
    return render(request, "info/submission_form.html", {
        "form": form, "submission": submission, "original": original, "commission": commission,
        "title": _("Submission"), "max_body_bytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        "too_large": _("This form is larger than the %(mb)d MB the platform accepts and was not sent; your text is "
                       "still here. Shorten it, or send long material as an attachment.")
        % {"mb": max(1, settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024))}})


def _open_commission(request):
    """The commission a new draft is written for (`?commission=` on the notice's link), still open and unlinked."""
    pk = request.POST.get("commission") or request.GET.get("commission")
    if not pk or not str(pk).isdigit():
        return None
    commission = get_scoped(request.user, Commission.objects.select_related("topic", "unit"), int(pk))
    return commission if commission.status == CommissionStatus.ISSUED and commission.submission_id is None else None


def _get(request, pk):
    try:
        return get_submission(request.user, pk)
    except NotFound as exc:
        from django.http import Http404

        raise Http404(exc.message) from exc


@login_required
def submission_detail(request, pk):
    submission = _get(request, pk)
    can_edit = (submission.status == S.DRAFT and has_perm(request.user, "info.draft")) or (
        submission.status == S.ACCEPTED and has_perm(request.user, "info.edit"))
    legs = [(label, None if hours is None else duration(round(hours * 3600))) for label, hours in stats.legs(submission)]
    context = {
        "s": submission, "title": submission.title, "legs": legs,
        "buttons": buttons(SUBMISSION_FLOW, request.user, submission), "can_edit": can_edit,
        "diffs": version_diffs(submission.versions.all()),
        "attachments": submission.attachments.all(), "attach_form": AttachmentForm(),
        "requests": submission.follow_up_requests.select_related("answer"),
        "follow_ups": services.visible_submissions(request.user).filter(follow_up_of=submission),
        "can_request": has_perm(request.user, "info.edit") and submission.status not in (S.DRAFT, S.PENDING_UNIT),
        "can_follow_up": has_perm(request.user, "info.draft"),
        "adoptions": submission.adoptions.select_related("rule"),
        "adoption_form": AdoptionForm() if has_perm(request.user, "info.edit") else None,
        "quality": quality.check(submission),
    }
    return render(request, "info/submission_detail.html", context)


@login_required
def attachment_download(request, pk, attachment_pk):
    """Attachments are read through the submission's own scope, never as public files."""
    attachment = get_object_or_404(_get(request, pk).attachments, pk=attachment_pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
@require_POST
def submission_action(request, pk, action):
    take_from_page(request, SUBMISSION_FLOW, action, _get(request, pk))
    return redirect("info_submission", pk=pk)


def _awaiting_sign_off(user):
    """The accepted pieces `user` may sign off, fast-lane items first."""
    return (services.visible_submissions(user).filter(status=S.ACCEPTED).select_related("unit")
            .order_by("-early_signal", "submitted_at", "pk"))


def _read_as_shown(request, submission) -> bool:
    """The page sends each piece's version as read, so a piece edited after the leader read it is not signed unread."""
    return request.POST.get(f"version_{submission.pk}") == str(submission.version)


@login_required
def batch_sign(request):
    """The leader reads the accepted pieces in one list, ticks them and signs them off together (批量审签); each
    piece goes through its own sign-off, and each refusal is reported by its title."""
    if not has_perm(request.user, "info.sign_off"):
        return forbidden(request)
    pieces = _awaiting_sign_off(request.user)
    if request.method == "POST":
        picked = [p for p in pieces.filter(pk__in=[v for v in request.POST.getlist("pick") if v.isdigit()])]
        if not picked:
            messages.error(request, _("Tick the pieces to sign off."))
            return redirect("info_batch_sign")
        unread = [p for p in picked if not _read_as_shown(request, p)]
        for piece in unread:
            messages.error(request, _("%s: changed since you read it; read it again before signing.") % piece.title)
        outcomes = take_each(request, SUBMISSION_FLOW, "sign_off", [p for p in picked if p not in unread])
        for piece, refusal in outcomes:
            if refusal:
                messages.error(request, f"{piece.title}: {refusal}")
            else:
                messages.success(request, _("Signed off: %s") % piece.title)
        return redirect("info_batch_sign")
    return render(request, "info/batch_sign.html", {"pieces": pieces, "title": _("Batch sign-off")})


@login_required
@require_POST
def submission_attach(request, pk):
    submission = _get(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid() and _try(request, services.do_add_attachment, request.user, submission,
                                form.cleaned_data["file"]):
        messages.success(request, _("Attached."))
    return redirect("info_submission", pk=pk)


@login_required
@require_POST
def submission_request_follow_up(request, pk):
    submission = _get(request, pk)
    if _try(request, services.do_request_follow_up, request.user, submission, request.POST.get("note", "")):
        messages.success(request, _("Follow-up requested."))
    return redirect("info_submission", pk=pk)


@login_required
@require_POST
def submission_adopt(request, pk):
    submission = _get(request, pk)
    form = AdoptionForm(request.POST)
    if form.is_valid() and _try(request, services.do_record_adoption, request.user, submission,
                                form.cleaned_data["rule"], form.cleaned_data["on"], form.cleaned_data["note"]):
        messages.success(request, _("Adoption recorded."))
    return redirect("info_submission", pk=pk)


# --- topics, timetable, commissions (A2) ---

TOPICS = ListPage(
    gettext_lazy("Research topics"),
    [
        Column(gettext_lazy("Order"), lambda t: t.sequence),
        LinkColumn(gettext_lazy("Title"), lambda t: t.title, link=lambda t: f"/info/topics/{t.pk}/"),
        Column(gettext_lazy("Unit"), lambda t: t.unit.name),
        Column(gettext_lazy("Theme"), lambda t: t.theme.title if t.theme_id else ""),
        Column(gettext_lazy("Intended month"), lambda t: t.intended_month.strftime("%Y-%m")),
        Column(gettext_lazy("Status"), lambda t: t.get_status_display()),
        Column(gettext_lazy("Due"), lambda t: t.due),
    ],
    "topics",
)


@login_required
def topic_list(request):
    form = TopicFilterForm(request.GET or None)
    topics = form.filter(scope(request.user, Topic.objects.select_related("unit", "theme")))
    if request.GET.get("timetable"):
        topics = topics.filter(sequence__isnull=False).order_by("intended_month__year", "sequence")
    propose = TopicForm(request.POST or None)
    if request.method == "POST" and propose.is_valid():
        if _try(request, services.do_propose_topic, request.user, **propose.cleaned_data):
            messages.success(request, _("Topic proposed."))
            return redirect("info_topics")
    return TOPICS.respond(request, topics, form, template="info/topics.html",
                          extra={"propose": propose if has_perm(request.user, "info.propose") else None})


@login_required
def topic_detail(request, pk):
    topic = get_scoped(request.user, Topic.objects.select_related("unit", "theme"), pk)
    return render(request, "info/topic_detail.html", {
        "topic": topic, "title": topic.title, "can_screen": has_perm(request.user, "info.edit"),
        "commission": Commission.objects.filter(topic=topic).first()})


TOPIC_ACTIONS = {
    "accept": lambda user, t, post: services.do_accept_topic(user, t, post.get("reason", "")),
    "reject": lambda user, t, post: services.do_reject_topic(user, t, post.get("reason", "")),
    "schedule": lambda user, t, post: services.do_schedule_topic(user, t, post.get("due") or None),
    "commission": lambda user, t, post: services.do_commission_topic(user, t, post.get("requirements", ""),
                                                                     post.get("deadline") or None),
}


@login_required
@require_POST
def topic_action(request, pk, action):
    topic = get_scoped(request.user, Topic.objects.all(), pk)
    if action in TOPIC_ACTIONS and _try(request, TOPIC_ACTIONS[action], request.user, topic, request.POST):
        messages.success(request, _("Done."))
    return redirect("info_topic", pk=pk)


COMMISSIONS = ListPage(
    gettext_lazy("Commissions"),
    [
        LinkColumn(gettext_lazy("Notice number"), lambda c: c.number, link=lambda c: f"/info/commissions/{c.pk}/"),
        Column(gettext_lazy("Topic"), lambda c: c.topic.title),
        Column(gettext_lazy("Unit"), lambda c: c.unit.name),
        Column(gettext_lazy("Deadline"), lambda c: c.deadline),
        Column(gettext_lazy("Status"), lambda c: c.get_status_display()),
        Column(gettext_lazy("Late"), lambda c: c.late),
    ],
    "commissions",
)


@login_required
def commission_list(request):
    commissions = scope(request.user, Commission.objects.select_related("topic", "unit"))
    if request.GET.get("overdue"):
        commissions = commissions.filter(status=CommissionStatus.ISSUED, deadline__lt=timezone.localdate())
    return COMMISSIONS.respond(request, commissions)


@login_required
def commission_detail(request, pk):
    """The printable commission notice (约稿通知单) and, for the unit, the link to its submission."""
    commission = get_scoped(request.user, Commission.objects.select_related("topic", "unit", "submission"), pk)
    if request.method == "POST":
        submission = _get(request, request.POST.get("submission") or 0)
        linked = _try(request, services.do_link_commission, request.user, commission, submission)
        if linked:
            messages.success(request, _("Commission fulfilled.") if linked.status == CommissionStatus.FULFILLED
                             else _("Submission linked; the commission is fulfilled when it is submitted."))
        return redirect("info_commission", pk=pk)
    can_write = (has_perm(request.user, "info.draft") and commission.status == CommissionStatus.ISSUED
                 and commission.submission_id is None)
    choices = ready_submissions_for(commission) if can_write else []
    return render(request, "info/commission_notice.html",
                  {"c": commission, "title": commission.number, "choices": choices, "can_write": can_write,
                   "reminders": commission.reminders.all()})


# --- timeliness and balance (A4, A6) ---

LATE = ListPage(
    gettext_lazy("Timeliness"),
    [
        LinkColumn(gettext_lazy("Title"), lambda s: s.title, link=lambda s: f"/info/submissions/{s.pk}/"),
        Column(gettext_lazy("Unit"), lambda s: s.unit.name),
        Column(gettext_lazy("Writer"), lambda s: s.writer_name),
        Column(gettext_lazy("Event"), lambda s: s.event_at),
        Column(gettext_lazy("Deadline"), lambda s: s.deadline),
        Column(gettext_lazy("Submitted"), lambda s: s.submitted_at),
        Column(gettext_lazy("Early signal"), lambda s: s.early_signal),
    ],
    "late-submissions",
)


@login_required
def timeliness(request):
    form = PeriodForm(request.GET or None)
    items = form.filter(services.visible_submissions(request.user))
    rates = stats.same_day_rates(items)
    per_unit = {}
    for row in rates:
        total, same = per_unit.get(row.unit, (0, 0))
        per_unit[row.unit] = (total + row.total, same + row.same_day)
    chart = bars((unit, round(100 * same / total)) for unit, (total, same) in per_unit.items())
    monthly = {}
    for row in rates:
        monthly[row.month] = monthly.get(row.month, 0) + row.total
    late = stats.late(items).select_related("unit").order_by("-deadline")
    return LATE.respond(request, late, form, template="info/timeliness.html",
                        extra={"rates": rates, "chart": chart, "monthly": bars(sorted(monthly.items()))})


@login_required
def balance(request):
    form = PeriodForm(request.GET or None)
    rows = stats.balance(form.filter(services.visible_submissions(request.user)),
                         scope(request.user, reporting_units(), "self"))
    reported = [r for r in rows if r.total]
    charts = {label: bars((r.unit, r.counts[tone]) for r in reported) for tone, label in Tone.choices}
    return render(request, "info/balance.html", {
        "title": _("Good and bad news"), "form": form, "rows": reported, "charts": charts,
        "never": stats.never_problems(rows), "silent": [r for r in rows if not r.total], "tones": Tone})


CIRCULAR_FORMATS = ("docx", "pdf")
RANKING = ListPage(
    gettext_lazy("Rankings"),
    [
        Column(gettext_lazy("Rank"), lambda r: r.rank),
        Column(gettext_lazy("Unit"), lambda r: r.unit),
        Column(gettext_lazy("Points"), lambda r: r.points),
        Column(gettext_lazy("Items adopted"), lambda r: r.adopted),
        Column(gettext_lazy("Commissions missed or late"), lambda r: "；".join(r.deductions)),
        Column(gettext_lazy("Year's score zeroed"), lambda r: r.zeroed),
    ],
    "rankings",
    per_page=100,
)


@login_required
def rankings(request):
    """Units ranked by adoption points for a month or a year (信息工作通报)."""
    today = timezone.localdate()
    params = request.GET.copy()
    if not any(name in params for name in RankingForm.base_fields):
        # This month by default, for the page and for its exports alike (their links carry only the format).
        params.update({"year": today.year, "month": today.month})
    form = RankingForm(params)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    quarter = data.get("quarter") or None
    start, end = period_bounds(data.get("year") or today.year, None if quarter else data.get("month") or None, quarter)
    rows = services.ranking(start, end, scope(request.user, reporting_units(), "self"))
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
    chart = bars((r.unit, r.points) for r in rows if r.points > 0)
    shortfalls = stats.quota_shortfalls(start, end, scope(request.user, reporting_units(), "self"))
    if request.GET.get("format") in CIRCULAR_FORMATS:
        return _circular_response(start, end, rows, shortfalls, request.GET["format"])
    return RANKING.respond(request, rows, form, extra={"chart": chart, "shortfalls": shortfalls},
                           template="info/rankings.html")


def _circular_response(start, end, rows, shortfalls, fmt: str):
    from .circular import circular_file

    return download(*circular_file(start, end, rows, shortfalls, fmt))


# --- key liaison units and training (A13) ---

@login_required
def liaison(request):
    units = Unit.objects.filter(key_liaison=True).prefetch_related("info_rule_documents")
    form = RuleDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(request, services.do_upload_rule_document, request.user, data["title"], data["file"],
                data["adopted_on"]):
            messages.success(request, _("Uploaded."))
            return redirect("info_liaison")
    training = TrainingForm(None)
    return render(request, "info/liaison.html", {
        "title": _("Key liaison units"), "units": units, "form": form, "training_form": training,
        "can_upload": has_perm(request.user, "info.liaison_rules") and bool(request.user.unit_id)
        and request.user.unit.key_liaison,
        "can_train": has_perm(request.user, "info.edit"), "trainings": TrainingSession.objects.all()[:20]})


@login_required
@require_POST
def training_create(request):
    form = TrainingForm(request.POST)
    if form.is_valid():
        session = _try(request, services.do_create_training, request.user, **form.cleaned_data)
        if session:
            return redirect("info_training", pk=session.pk)
    return redirect("info_liaison")


@login_required
def training_detail(request, pk):
    session = get_object_or_404(TrainingSession, pk=pk)
    if request.method == "POST":
        form = AttendanceForm(request.POST)
        if form.is_valid():
            person = get_object_or_404(Person, pk=form.cleaned_data["person"])
            _try(request, services.do_record_attendance, request.user, session, person, form.cleaned_data["status"])
        return redirect("info_training", pk=pk)
    marked = {a.person_id: a for a in session.attendance.select_related("person", "unit")}
    officers = Person.objects.filter(unit__key_liaison=True, posts__kind__in=INFO_OFFICER_POSTS,
                                     posts__end__isnull=True).select_related("unit").distinct()
    return render(request, "info/training.html", {
        "title": session.title, "session": session, "rows": [(p, marked.get(p.pk)) for p in officers],
        "form": AttendanceForm(), "can_mark": has_perm(request.user, "info.edit")})
