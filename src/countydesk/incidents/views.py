"""Pages of the incident chapter: thin, reading through access and writing through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from countydesk.accounts.scoping import has_perm
from countydesk.base.errors import ServiceError, TransitionNotAllowed
from countydesk.core.events import stream_url
from countydesk.core.ui.lists import LinkColumn, ListPage
from countydesk.core.ui.tables import Column
from countydesk.core.ui.times import duration_words
from countydesk.core.ui.actions import record_actions
from countydesk.core.ui.workflow import buttons, take_from_page

from . import desk, rules, services, stats
from .access import incidents_for, phone_logs_for
from .forms import (CitizenReportForm, ClassifyForm, FiguresForm, ImportForm, IncidentFilterForm, NewReportForm, PhoneCallForm,
                    PhoneLogForm, ReportForm)
from .choices import OPEN_STATUSES, ReportStatus
from .importing import column_titles, read_intakes
from .models import Notification, Report
from .services import IntakeData
from .flows import INCIDENT_FLOW, REPORT_FLOW


def _allowed(request, permission: str):
    if not has_perm(request.user, permission):
        raise Http404


def _fail(request, exc: ServiceError, form=None):
    if form is not None:
        form.add_error(None, exc.message)
        for field, errors in exc.fields.items():
            form.add_error(None, f"{field}: {'; '.join(map(str, errors))}")
    else:
        messages.error(request, exc.message)


@login_required
def desk_page(request):
    _allowed(request, "incidents.desk")
    return render(request, "incidents/desk.html", {"title": _("Duty desk"), "stream_url": stream_url(desk.TOPIC),
                                                   "duration_words": duration_words()})


@login_required
@require_GET
def desk_state(request):
    _allowed(request, "incidents.desk")
    return JsonResponse(desk.desk_state(request.user), json_dumps_params={"ensure_ascii": False})


def desk_card(request):
    """Dashboard: the open incidents (most serious first), how many are urgent, and my reminders."""
    open_incidents = incidents_for(request.user).filter(status__in=OPEN_STATUSES)
    counts = open_incidents.aggregate(open=Count("pk"), urgent=Count("pk", filter=Q(grade__lte=rules.urgent_grade())))
    return {"incidents": open_incidents.only("title", "grade").order_by("grade", "-received_at")[:5],
            "open_count": counts["open"], "urgent_count": counts["urgent"],
            "reminders": Notification.objects.filter(recipient=request.user).only("incident_id", "text")[:5]}


def can_sign_reports(user) -> bool:
    return has_perm(user, "incidents.sign_county") or has_perm(user, "incidents.sign_unit")


def reports_card(request):
    """Dashboard: the reports waiting for my signature (待审签), and my own reports not yet signed with their state;
    no card when there are none."""
    user = request.user
    unsigned = Report.objects.select_related("incident").only("kind", "seq", "status", "incident__title").order_by("-created")
    to_sign = list(services.reports_awaiting_signature(user).select_related("incident")
                   .only("kind", "seq", "status", "incident__title").order_by("created")) if can_sign_reports(user) else []
    mine = list(unsigned.filter(drafted_by=user, status__in=(ReportStatus.DRAFT, ReportStatus.PENDING))[:10]) \
        if has_perm(user, "incidents.report") else []
    return {"to_sign": to_sign, "mine": mine} if to_sign or mine else None


INCIDENT_LIST = ListPage(
    gettext_lazy("Incidents"),
    [
        LinkColumn(gettext_lazy("Number"), lambda i: i.number, link=lambda i: f"/incidents/{i.pk}/"),
        Column(gettext_lazy("Title"), lambda i: i.title),
        Column(gettext_lazy("Grade"), lambda i: i.grade_numeral),
        Column(gettext_lazy("Status"), lambda i: i.get_status_display()),
        Column(gettext_lazy("Type"), lambda i: i.get_type_code_display()),
        Column(gettext_lazy("Township"), lambda i: i.township.name if i.township_id else ""),
        Column(gettext_lazy("Received at"), lambda i: i.received_at),
    ],
    "incidents",
)


@login_required
def incident_list(request):
    _allowed(request, "incidents.view")
    form = IncidentFilterForm(request.GET or None)
    return INCIDENT_LIST.respond(request, form.filter(incidents_for(request.user).select_related("township")), form)


def _incident_action(request, incident):
    data, action = request.POST, request.POST.get("action", "")
    user = request.user
    if action in INCIDENT_FLOW.actions():
        return INCIDENT_FLOW.run(action, user, incident, data.get("note", ""))
    if action == "figures":
        form = FiguresForm(data)
        if not form.is_valid():
            raise ServiceError(_("Enter the figures as whole numbers of 0 or more."))
        return services.do_update_figures(user, incident, **form.cleaned_data)
    if action == "classify":
        form = ClassifyForm(data)
        if not form.is_valid():
            raise ServiceError(_("Choose an event type."))
        return services.do_classify_incident(user, incident, form.cleaned_data["type_code"])
    if action == "phone_report":
        return services.do_record_phone_report(user, incident)
    if action == "report":
        return services.do_draft_report(user, incident, data.get("kind", ""))
    if action == "merge":
        others = list(incidents_for(user).filter(pk__in=data.getlist("other")))
        return services.do_merge_incidents(user, incident, others)
    if action == "split":
        return services.do_split_intakes(user, incident, [int(i) for i in data.getlist("intake") if i.isdigit()])
    raise ServiceError(_("Unknown action."))


@login_required
def incident_detail(request, pk):
    _allowed(request, "incidents.view")
    incident = incidents_for(request.user).select_related("township").filter(pk=pk).first()
    if incident is None:
        raise Http404
    if request.method == "POST":
        try:
            result = _incident_action(request, incident)
        except TransitionNotAllowed:
            raise  # a stale page: the readable 409 page naming the allowed next states
        except ServiceError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("Done."))
            if isinstance(result, Report):
                return redirect("incidents:report", pk=result.pk)
        return redirect("incidents:detail", pk=incident.pk)
    intakes = incident.intakes.select_related("township", "phone_log").order_by("received_at")
    context = {
        "incident": incident, "title": incident.title, "intakes": intakes,
        "figures_text": services.figures_text(incident),
        "type_note": services.type_note(incident),
        "timeline": incident.timeline.all(),
        "grades": [(g, services.figures_text(g.figures)) for g in incident.grade_changes.all()],
        "deadlines": incident.deadlines.all(), "reports": incident.reports.all(),
        "incident_open": incident.status in OPEN_STATUSES,
        "figures_form": FiguresForm(initial={f: getattr(incident, f) for f in services.FIGURES}),
        "classify_form": ClassifyForm(initial={"type_code": incident.type_code}),
        "report_form": NewReportForm(), "can_handle": has_perm(request.user, "incidents.handle"),
        "can_see_raw": has_perm(request.user, "incidents.raw"),
        "buttons": buttons(INCIDENT_FLOW, request.user, incident),
        "record_actions": record_actions("incidents.incident", request.user, incident),
        "can_report": has_perm(request.user, "incidents.report"),
        "nearby": incidents_for(request.user).filter(status__in=["received", "verified", "responding"])
        .exclude(pk=incident.pk)[:20],
    }
    return render(request, "incidents/detail.html", context)


@login_required
def report_detail(request, pk):
    """A report: its writers edit and send it, its signers read and sign it."""
    if not (has_perm(request.user, "incidents.report") or can_sign_reports(request.user)):
        raise Http404
    report = Report.objects.select_related("incident", "unit", "signed_by").filter(
        pk=pk, incident__in=incidents_for(request.user)).first()
    if report is None:
        raise Http404
    form = ReportForm(instance=report)
    if request.method == "POST":
        action = request.POST.get("action")
        if action in REPORT_FLOW.actions():
            take_from_page(request, REPORT_FLOW, action, report)
            return redirect("incidents:report", pk=report.pk)
        try:
            if action == "save":
                form = ReportForm(request.POST, instance=Report.objects.get(pk=report.pk))
                if not form.is_valid():
                    return render(request, "incidents/report.html", {"report": report, "form": form})
                services.do_update_report(request.user, report, **{f: form.cleaned_data[f] for f in form.fields})
            else:
                raise ServiceError(_("Unknown action."))
        except ServiceError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("Done."))
        return redirect("incidents:report", pk=report.pk)
    return render(request, "incidents/report.html", {"report": report, "form": form, "title": report.label,
                                                     "buttons": buttons(REPORT_FLOW, request.user, report)})


def _client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def citizen_report(request):
    """The public form: no sign-in, limited per address (ThrottleRule)."""
    form = CitizenReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = IntakeData(received_at=timezone.now(), raw={k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"},
                          **form.cleaned_data)
        try:
            services.do_receive_citizen_report(_client_address(request), data)
        except ServiceError as exc:
            _fail(request, exc, form)
            return render(request, "incidents/citizen.html", {"form": form}, status=exc.status)
        return render(request, "incidents/citizen.html", {"done": True})
    return render(request, "incidents/citizen.html", {"form": form})


PHONE_LOG_LIST = ListPage(
    gettext_lazy("Duty phone log"),
    [
        LinkColumn(gettext_lazy("Time"), lambda p: p.intake.received_at, link=lambda p: f"/incidents/{p.intake.incident_id}/"),
        Column(gettext_lazy("Place"), lambda p: p.intake.address),
        Column(gettext_lazy("What happened"), lambda p: p.intake.description),
        Column(gettext_lazy("Reporter"), lambda p: f"{p.reporter_unit} {p.intake.caller_name} {p.reporter_position}"),
        Column(gettext_lazy("Reporter's phone"), lambda p: p.intake.caller_phone),
        Column(gettext_lazy("Leaders and units already told"), lambda p: p.reported_to),
        Column(gettext_lazy("Recorded by"), lambda p: p.recorder),
        Column(gettext_lazy("Recorded at"), lambda p: p.recorded_at),
    ],
    "duty-phone-log",
)


@login_required
def phone_log(request):
    _allowed(request, "incidents.phone_log")
    call, log = PhoneCallForm(request.POST or None, prefix="call"), PhoneLogForm(request.POST or None, prefix="log")
    if request.method == "POST" and call.is_valid() and log.is_valid():
        data = IntakeData(received_at=timezone.now(), raw={k: str(v) for k, v in call.cleaned_data.items()},
                          **call.cleaned_data)
        try:
            entry = services.do_log_phone_call(request.user, data, **log.cleaned_data)
        except ServiceError as exc:
            _fail(request, exc, call)
        else:
            messages.success(request, _("Recorded."))
            return redirect("incidents:detail", pk=entry.intake.incident_id)
    logs = phone_logs_for(request.user).order_by("-recorded_at")
    return PHONE_LOG_LIST.respond(request, logs, None, {"call_form": call, "log_form": log},
                                  template="incidents/phone_log.html")


@login_required
def import_intakes(request):
    _allowed(request, "incidents.import")
    form, errors = ImportForm(request.POST or None, request.FILES or None), None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            intakes = services.do_import_intakes(request.user, read_intakes(upload.name, upload.read()))
        except ServiceError as exc:
            errors = exc
        else:
            messages.success(request, _("%d intakes imported.") % len(intakes))
            return redirect("incidents:desk")
    return render(request, "incidents/import.html", {"form": form, "errors": errors, "title": _("Import intakes"),
                                                     "columns": column_titles()}, status=422 if errors else 200)


STATS_LIST = ListPage(
    gettext_lazy("Incident statistics"),
    [Column(gettext_lazy("Table"), lambda r: r.table), Column(gettext_lazy("Item"), lambda r: r.label),
     Column(gettext_lazy("Value"), lambda r: r.value)],
    "incident-statistics",
    per_page=500,
)


@login_required
def statistics(request):
    _allowed(request, "incidents.view")
    tables = stats.tables(incidents_for(request.user))
    rows = [row for table in tables for row in table.rows]
    return STATS_LIST.respond(request, rows, None, {"tables": tables}, template="incidents/stats.html")
