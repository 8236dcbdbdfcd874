"""Case library pages (案例库): search, read, write, import and export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countydesk.accounts.scoping import has_perm
from countydesk.base.errors import ServiceError
from countydesk.registry.sheets import views as sheet_pages
from countydesk.registry.plans.choices import EFFECTIVE
from countydesk.registry.plans.services import visible_plans
from countydesk.core.ui.lists import LinkColumn, ListPage
from countydesk.core.ui.tables import Column
from countydesk.core.ui.errors import forbidden

from . import services
from .forms import CaseFilterForm, CaseForm, ImportForm
from .models import Case

# The export's columns are the import's, so an exported file can be edited and imported again.
CASE_LIST = ListPage(gettext_lazy("Case library"), [
    LinkColumn("标题", lambda c: c.title, link=lambda c: f"/cases/{c.pk}/"),
    Column("事件类型", lambda c: f"{c.event_type} {c.type_name}"),
    Column("发生日期", lambda c: c.occurred_on),
    Column("乡镇", lambda c: c.township.name if c.township_id else ""),
    Column("地点", lambda c: c.place),
    Column("死亡人数", lambda c: c.deaths),
    Column("受伤人数", lambda c: c.injuries),
    Column("直接经济损失(万元)", lambda c: float(c.direct_loss) if c.direct_loss is not None else ""),
    Column("概要", lambda c: c.summary),
    Column("经验教训", lambda c: c.lessons),
    Column("关联预案", lambda c: "、".join(p.title for p in c.plans.all())),
], "cases")


@login_required
def case_list(request):
    form = CaseFilterForm(request.GET or None)
    cases = services.search(Case.objects.select_related("township").prefetch_related("plans"), **form.search_args())
    extra = {"can_manage": has_perm(request.user, "cases.manage")} | sheet_pages.links(request.user, "cases")
    return CASE_LIST.respond(request, cases, form, extra=extra,
                             template="cases/list.html")


@login_required
def case_detail(request, pk):
    case = get_object_or_404(Case.objects.select_related("township").prefetch_related("plans"), pk=pk)
    return render(request, "cases/detail.html", {"case": case, "title": case.title,
                                                 "can_manage": has_perm(request.user, "cases.manage")})


def _initial(case) -> dict:
    if case is None:
        return {}
    return {f: getattr(case, f) for f in CaseForm.base_fields if f != "plans"} | {"plans": case.plans.all()}


@login_required
def case_edit(request, pk=None):
    if not has_perm(request.user, "cases.manage"):
        return forbidden(request)
    case = get_object_or_404(Case, pk=pk) if pk else None
    plans = visible_plans(request.user).filter(status__in=EFFECTIVE)
    form = CaseForm(request.POST or None, initial=_initial(case), plans=plans)
    if request.method == "POST" and form.is_valid():
        try:
            if case is None:
                case = services.do_create_case(request.user, **form.cleaned_data)
            else:
                case = services.do_update_case(request.user, case, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("cases:detail", pk=case.pk)
    return render(request, "plans/form.html", {"form": form, "title": _("Edit case") if case else _("New case")})


@login_required
def import_view(request):
    """Upload an .xlsx of cases; every bad row is listed and nothing is imported until the file is clean."""
    if not has_perm(request.user, "cases.manage"):
        return forbidden(request)
    form, errors = ImportForm(request.POST or None, request.FILES or None), {}
    if request.method == "POST" and form.is_valid():
        try:
            rows = services.parse_xlsx(services.read_limited(form.cleaned_data["file"]))
            created = services.do_import_cases(request.user, rows)
        except ServiceError as exc:
            messages.error(request, exc.message)
            errors = exc.fields
        else:
            messages.success(request, _("%d cases imported.") % len(created))
            return redirect("cases:list")
    return render(request, "cases/import.html", {"form": form, "errors": errors, "columns": services.COLUMNS,
                                                 "title": _("Import cases")})
