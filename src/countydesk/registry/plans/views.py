"""Plan pages (预案库): thin, reading through scoping and writing through services."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from countydesk.accounts.scoping import has_perm, scope
from countydesk.base.errors import NotFound, ServiceError
from countydesk.core.taxonomy import EVENT_TYPES
from countydesk.orgs.models import Unit
from countydesk.registry.sheets import views as sheet_pages
from countydesk.core.ui.lists import LinkColumn, ListPage
from countydesk.core.ui.tables import Column
from countydesk.core.ui.errors import forbidden, not_found

from . import analysis, exports, forms, requirements, rules, services
from .choices import EFFECTIVE
from .models import Drill, ImprovementAction, Plan, PlanDocument


def _types(plan) -> str:
    return "、".join(EVENT_TYPES[c].name for c in plan.type_codes)


PLAN_LIST = ListPage(gettext_lazy("Emergency plans"), [
    LinkColumn(gettext_lazy("Title"), lambda p: p.title, link=lambda p: f"/plans/{p.pk}/"),
    Column(gettext_lazy("Kind"), lambda p: p.get_kind_display()),
    Column(gettext_lazy("Level"), lambda p: p.get_level_display()),
    Column(gettext_lazy("Owner unit"), lambda p: p.owner.name),
    Column(gettext_lazy("Lead unit"), lambda p: p.lead_unit.name if p.lead_unit_id else ""),
    Column(gettext_lazy("Event types"), _types),
    Column(gettext_lazy("Version"), lambda p: p.version),
    Column(gettext_lazy("Status"), lambda p: p.get_status_display()),
    Column(gettext_lazy("Issue date"), lambda p: p.issued_on),
    Column(gettext_lazy("Unmatched requirements"), lambda p: p.unmatched or ""),
], "emergency-plans")


def _run(request, fn, *args, success=None, **kwargs):
    """Call a service; its error becomes a message on the page instead of a change."""
    try:
        result = fn(request.user, *args, **kwargs)
    except ServiceError as exc:
        messages.error(request, exc.message)
        for field, errors in exc.fields.items():
            messages.error(request, f"{field}: {'；'.join(map(str, errors))}")
        return None
    messages.success(request, success or _("Saved."))
    return result


def _plan_or_404(request, pk):
    try:
        return services.get_plan(request.user, pk)
    except NotFound:
        return None


def _managed_units(user):
    return Unit.objects.filter(active=True) if has_perm(user, "plans.manage") else scope(
        user, Unit.objects.filter(active=True), "self")


@login_required
def plan_list(request):
    form = forms.PlanFilterForm(request.GET or None)
    plans = form.filter(services.visible_plans(request.user)).select_related("owner", "lead_unit") \
        .prefetch_related("event_types").annotate(unmatched=requirements.unmatched_count()).order_by(*Plan._meta.ordering).distinct()
    extra = {"can_create": has_perm(request.user, "plans.manage_own")} | sheet_pages.links(request.user, "plans")
    return PLAN_LIST.respond(request, plans, form, extra=extra, template="plans/list.html")


def _plan_form(request, plan=None):
    upper = services.visible_plans(request.user).filter(status__in=EFFECTIVE)
    if plan is not None:
        upper = upper.exclude(pk=plan.pk)
    initial = {}
    if plan is not None:
        initial = {"title": plan.title, "kind": plan.kind, "level": plan.level, "owner": plan.owner,
                   "lead_unit": plan.lead_unit, "supporting_units": plan.supporting_units.all(),
                   "upper_plans": plan.upper_plans.all(), "event_types": plan.type_codes,
                   "responses": forms.response_lines(plan), "summary": plan.summary}
    picked = request.POST if "res-TOTAL_FORMS" in request.POST else None  # a post without the table: typed lines only
    rows = forms.ResourceFormSet(picked, prefix="res",
                                 initial=forms.resource_initial(plan) if plan is not None else None)
    return forms.PlanForm(request.POST or None, initial=initial, owners=_managed_units(request.user),
                          upper_plans=upper.select_related("owner")), rows


@login_required
def plan_edit(request, pk=None):
    """Create a plan, or edit a draft."""
    plan = _plan_or_404(request, pk) if pk else None
    if pk and plan is None:
        return not_found(request)
    if not has_perm(request.user, "plans.manage_own") or (plan and not services.can_manage_unit(request.user, plan.owner)):
        return forbidden(request)
    form, rows = _plan_form(request, plan)
    if request.method == "POST" and form.is_valid() and (not rows.is_bound or rows.is_valid()):
        picked = forms.resource_rows(rows) if rows.is_bound else []
        data = form.cleaned_data | {"resources": picked + form.cleaned_data["resources"]}
        if plan is None:
            saved = _run(request, services.do_create_plan, **data)
        else:
            saved = _run(request, services.do_update_plan, plan, **data)
        if saved is not None:
            return redirect("plans:detail", pk=saved.pk)
    title = _("Edit plan") if plan else _("New plan")
    return render(request, "plans/form.html", {"form": form, "title": title, "multipart": False, "rows": rows})


@login_required
def plan_detail(request, pk):
    plan = _plan_or_404(request, pk)
    if plan is None:
        return not_found(request)
    plan = Plan.objects.select_related("owner", "lead_unit", "previous").prefetch_related(
        "event_types", "supporting_units", "upper_plans", "lower_plans", "responses", "filings",
        "documents", "revision_triggers", "drills").get(pk=plan.pk)
    due = analysis.due_rows([plan])[0] if plan.status in EFFECTIVE else None
    resources = [{"obj": r, "match": requirements.match_label(r)} for r in plan.resources.select_related("item")]
    context = {
        "resources": resources, "unmatched": sum(not r["match"] for r in resources),
        "plan": plan, "title": plan.title, "due": due, "types": [EVENT_TYPES[c] for c in plan.type_codes],
        "can_manage": services.can_manage_unit(request.user, plan.owner),
        "next_version": Plan.objects.filter(previous=plan).first(),
        "forms": {"issue": forms.IssueForm(), "filing": forms.FilingForm(), "revise": forms.RevisionForm(),
                  "evaluate": forms.EvaluationForm(), "document": forms.DocumentForm()},
    }
    return render(request, "plans/detail.html", context)


PLAN_ACTIONS = {
    "issue": (forms.IssueForm, lambda user, plan, d: services.do_issue_plan(user, plan, d["issued_on"])),
    "filing": (forms.FilingForm, lambda user, plan, d: services.do_record_filing(user, plan, **d)),
    "revise": (forms.RevisionForm, lambda user, plan, d: services.do_start_revision(user, plan, **d)),
    "abolish": (forms.ConfirmForm, lambda user, plan, d: services.do_abolish_plan(user, plan)),
    "evaluate": (forms.EvaluationForm, lambda user, plan, d: services.do_record_evaluation(user, plan, d["evaluated_on"])),
    "document": (forms.DocumentForm, lambda user, plan, d: services.do_upload_document(user, plan, d["file"])),
}


@login_required
@require_POST
def plan_action(request, pk, action):
    """One workflow step from the detail page: issue, file, revise, abolish, evaluate, upload."""
    plan = _plan_or_404(request, pk)
    if plan is None or action not in PLAN_ACTIONS:
        return not_found(request)
    form_class, call = PLAN_ACTIONS[action]
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "；".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
        return redirect("plans:detail", pk=plan.pk)
    result = _run(request, lambda user: call(user, plan, form.cleaned_data))
    if action == "revise" and result is not None:
        return redirect("plans:edit", pk=result.pk)
    return redirect("plans:detail", pk=plan.pk)


@login_required
def document_download(request, pk):
    document = get_object_or_404(PlanDocument.objects.select_related("plan"), pk=pk)
    if _plan_or_404(request, document.plan_id) is None:
        return not_found(request)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.name)


DUE_LIST = ListPage(gettext_lazy("Plan due dates"), [
    LinkColumn(gettext_lazy("Plan"), lambda r: r.plan.title, link=lambda r: f"/plans/{r.plan.pk}/"),
    Column(gettext_lazy("Owner unit"), lambda r: r.plan.owner.name),
    Column(gettext_lazy("Issue date"), lambda r: r.plan.issued_on),
    Column(gettext_lazy("Filing deadline"), lambda r: r.filing_deadline),
    Column(gettext_lazy("Deadline provisional"), lambda r: r.provisional),
    Column(gettext_lazy("Filed on"), lambda r: r.filed_on),
    Column(gettext_lazy("Filing"), lambda r: exports.FILING_STATES.get(r.filing_state, "")),
    Column(gettext_lazy("Evaluation due"), lambda r: r.evaluation_due),
    Column(gettext_lazy("Evaluation overdue"), lambda r: r.evaluation_overdue),
    Column(gettext_lazy("Drill due"), lambda r: r.drill_due),
    Column(gettext_lazy("Drill overdue"), lambda r: r.drill_overdue),
], "plan-due-dates", per_page=100)


@login_required
def due_view(request):
    """Filing, evaluation and drill due dates (备案、评估、演练到期) of the plans in force."""
    form = forms.DueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = analysis.due_rows(list(services.visible_plans(request.user, analysis.effective_plans())))
    if data.get("overdue_only"):
        rows = [r for r in rows if r.overdue]
    elif data.get("within") is not None:
        rows = [r for r in rows if r.overdue or r.due_within(data["within"])]
    return DUE_LIST.respond(request, rows, form)


@login_required
def coverage_view(request):
    """Event types × units with gaps marked (预案覆盖矩阵); ?format=xlsx for Excel."""
    matrix = analysis.coverage()
    if request.GET.get("format") == "xlsx":
        return exports.coverage_xlsx(matrix)
    rows = [(EVENT_TYPES[code], cells) for code, cells in matrix.rows]
    return render(request, "plans/coverage.html", {"title": _("Plan coverage"), "matrix": matrix, "rows": rows})


LINKAGE_LIST = ListPage(gettext_lazy("Plan linkage"), [
    LinkColumn(gettext_lazy("Plan"), lambda i: i.plan.title, link=lambda i: f"/plans/{i.plan.pk}/"),
    Column(gettext_lazy("Owner unit"), lambda i: i.plan.owner.name),
    Column(gettext_lazy("Problem"), lambda i: i.label),
    Column(gettext_lazy("Event type"), lambda i: i.type_name),
    Column(gettext_lazy("Should link to"), lambda i: "、".join(p.title for p in i.suggestions)),
], "plan-linkage", per_page=100)


@login_required
def linkage_view(request):
    """Vertical links, orphans and same-level lead-unit conflicts (衔接检查)."""
    report = analysis.linkage()
    conflicts = [(g, EVENT_TYPES[g.event_type]) for g in report.conflicts]
    return LINKAGE_LIST.respond(request, report.issues, extra={"conflicts": conflicts, "groups": len(report.groups)},
                                template="plans/linkage.html")


DRILL_LIST = ListPage(gettext_lazy("Drills"), [
    Column(gettext_lazy("Date"), lambda d: d.held_on),
    LinkColumn(gettext_lazy("Title"), lambda d: d.title, link=lambda d: f"/plans/drills/{d.pk}/"),
    Column(gettext_lazy("Kind"), lambda d: d.get_kind_display()),
    LinkColumn(gettext_lazy("Plan"), lambda d: d.plan.title, link=lambda d: f"/plans/{d.plan_id}/"),
    Column(gettext_lazy("Participating units"), lambda d: "、".join(u.name for u in d.participants.all())),
    Column(gettext_lazy("Average score"), lambda d: exports.average(d)),
], "drills")


@login_required
def drill_list(request):
    form = forms.DrillFilterForm(request.GET or None)
    drills = services.visible_drills(request.user).select_related("plan").prefetch_related("participants", "scores")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            drills = drills.filter(Q(title__icontains=data["q"]) | Q(plan__title__icontains=data["q"]))
        if data["kind"]:
            drills = drills.filter(kind=data["kind"])
        if data["year"]:
            drills = drills.filter(held_on__year=data["year"])
    extra = {"can_create": has_perm(request.user, "plans.manage_own")}
    return DRILL_LIST.respond(request, drills, form, extra=extra, template="plans/drill_list.html")


def _drillable(user):
    plans = services.visible_plans(user).filter(status__in=EFFECTIVE).select_related("owner")
    return plans if has_perm(user, "plans.manage") else plans.filter(owner__in=_managed_units(user))


def _drill_initial(request, drill) -> dict:
    if drill is None:
        return {"plan": request.GET.get("plan")}
    return {"plan": drill.plan, "title": drill.title, "held_on": drill.held_on, "kind": drill.kind,
            "participants": drill.participants.all(), "findings": drill.findings,
            **{f"score_{s.item}": s.score for s in drill.scores.all()}}


@login_required
def drill_edit(request, pk=None):
    """Record a drill, or change one (its plan stays; new improvement actions are added)."""
    drill = None
    if pk:
        try:
            drill = services.get_drill(request.user, pk)
        except NotFound:
            return not_found(request)
    if not has_perm(request.user, "plans.manage_own") or (
            drill and not services.can_manage_unit(request.user, drill.plan.owner)):
        return forbidden(request)
    form = forms.DrillForm(request.POST or None, plans=_drillable(request.user), initial=_drill_initial(request, drill))
    if drill:
        form.fields["plan"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {k: data[k] for k in ("title", "held_on", "kind", "findings")}
        related = {"participants": data["participants"], "scores": form.scores(), "actions": data["actions"]}
        if drill is None:
            saved = _run(request, services.do_create_drill, data["plan"], **related, **fields)
        else:
            saved = _run(request, services.do_update_drill, drill, **related, **fields)
        if saved is not None:
            return redirect("plans:drill", pk=saved.pk)
    return render(request, "plans/form.html", {"form": form, "title": _("Edit drill") if drill else _("Record a drill")})


@login_required
def drill_detail(request, pk):
    try:
        drill = services.get_drill(request.user, pk)
    except NotFound:
        return not_found(request)
    drill = Drill.objects.select_related("plan__owner").prefetch_related(
        "participants", "scores", "actions__unit").get(pk=drill.pk)
    context = {"drill": drill, "title": drill.title, "can_manage": services.can_manage_unit(request.user, drill.plan.owner),
               "close_form": forms.CloseActionForm(), "today": timezone.localdate()}
    return render(request, "plans/drill_detail.html", context)


@login_required
@require_POST
def action_close(request, pk):
    action = ImprovementAction.objects.filter(pk=pk, drill__in=services.visible_drills(request.user)).first()
    if action is None:
        return not_found(request)
    form = forms.CloseActionForm(request.POST)
    if form.is_valid():
        _run(request, services.do_close_action, action, form.cleaned_data["closed_on"], form.cleaned_data["note"])
    return redirect("plans:drill", pk=action.drill_id)


ACTION_LIST = ListPage(gettext_lazy("Drill improvements"), [
    Column(gettext_lazy("Deadline"), lambda a: a.due_on),
    Column(gettext_lazy("Improvement"), lambda a: a.description),
    Column(gettext_lazy("Responsible unit"), lambda a: a.unit.name),
    LinkColumn(gettext_lazy("Drill"), lambda a: a.drill.title, link=lambda a: f"/plans/drills/{a.drill_id}/"),
    Column(gettext_lazy("Closed on"), lambda a: a.closed_on),
    Column(gettext_lazy("Closure note"), lambda a: a.closure_note),
], "drill-improvements", per_page=100)


@login_required
def actions_view(request):
    """Improvement actions of drills (整改落实), open and overdue first."""
    form = forms.ActionFilterForm(request.GET or {"open_only": "on"})
    actions = ImprovementAction.objects.filter(drill__in=services.visible_drills(request.user)) \
        .select_related("unit", "drill")
    if form.is_valid():
        if form.cleaned_data["open_only"] or form.cleaned_data["overdue_only"]:
            actions = actions.filter(closed_on__isnull=True)
        if form.cleaned_data["overdue_only"]:
            actions = actions.filter(due_on__lt=timezone.localdate())
    return ACTION_LIST.respond(request, actions, form)


def dashboard_card(request):
    """Overdue filings, evaluations and drills, coverage gaps and overdue drill improvements."""
    plans, today = list(analysis.effective_plans()), timezone.localdate()
    rows = analysis.due_rows(plans)
    return {
        "filing": sum(r.filing_state in ("late", "overdue") for r in rows),
        "evaluation": sum(r.evaluation_overdue for r in rows),
        "drill": sum(r.drill_overdue for r in rows),
        "gaps": analysis.coverage(plans, dues=rows).gaps,
        "actions": ImprovementAction.objects.filter(closed_on__isnull=True, due_on__lt=timezone.localdate()).count(),
        "unknown_years": rules.WorkCalendar().unknown_years(today, date(today.year + 1, 12, 31)),
    }
