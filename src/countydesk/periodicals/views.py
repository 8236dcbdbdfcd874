from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countydesk.accounts.scoping import has_perm
from countydesk.base.errors import ServiceError
from countydesk.core.outbox.queries import summary_label
from countydesk.core.gbt9704 import chinese_date, layout, record_lines
from countydesk.core.ui.files import download
from countydesk.core.ui.lists import LinkColumn, ListPage
from countydesk.core.ui.tables import Column
from countydesk.core.ui.workflow import buttons, take_from_page

from . import services
from .choices import IssueStatus
from .document import issue_document, issue_file
from .flows import ISSUE_FLOW
from .forms import ItemForm, NewIssueForm
from .models import DistributionList, Issue

ISSUE_LIST = ListPage(
    gettext_lazy("Periodicals"),
    [
        LinkColumn(gettext_lazy("Issue"), lambda i: f"{i.periodical.name} {i.label}", link=lambda i: f"/periodicals/{i.pk}/"),
        Column(gettext_lazy("Status"), lambda i: i.get_status_display()),
        Column(gettext_lazy("Articles"), lambda i: i.items.count()),
        Column(gettext_lazy("Signed off"), lambda i: i.signed_at),
        Column(gettext_lazy("Sent out"), lambda i: i.published_at),
        Column(gettext_lazy("Delivery"), lambda i: summary_label(i) if i.status == IssueStatus.PUBLISHED else ""),
    ],
    "periodicals",
)


def _issues(user):
    issues = Issue.objects.select_related("periodical")
    if has_perm(user, "periodicals.read_drafts"):
        return issues
    return issues.filter(status=IssueStatus.PUBLISHED)


def sign_card(request):
    """Dashboard: the issues waiting for the leader's sign-off (待审签); no card when there are none."""
    issues = list(Issue.objects.filter(status=IssueStatus.PENDING).select_related("periodical")
                  .only("year", "number", "periodical__name").order_by("created"))
    return {"issues": issues} if issues else None


@login_required
def issue_list(request):
    form = NewIssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _act(request, None, lambda: services.do_create_issue(request.user, form.cleaned_data["periodical"]))
    return ISSUE_LIST.respond(request, _issues(request.user), extra={"new_form": form,
                              "can_compile": has_perm(request.user, "periodicals.compile")},
                              template="periodicals/issue_list.html")


def _act(request, issue, action):
    try:
        result = action()
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("issue_detail", pk=issue.pk) if issue else redirect("issue_list")
    messages.success(request, _("Done."))
    target = result if isinstance(result, Issue) else issue
    return redirect("issue_detail", pk=target.pk)


@login_required
def issue_detail(request, pk):
    issue = get_object_or_404(_issues(request.user), pk=pk)
    user = request.user
    actions = {
        "remove": lambda: services.do_remove_item(user, get_object_or_404(issue.items, pk=request.POST.get("item"))),
        "fax_sent": lambda: services.do_record_fax(user, get_object_or_404(services.deliveries(issue),
                                                                           pk=request.POST.get("delivery")), True),
        "compile": lambda: services.do_compile_from(user, issue, request.POST.getlist("source")),
    }
    form = ItemForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ISSUE_FLOW.actions():
            take_from_page(request, ISSUE_FLOW, action, issue)
            return redirect("issue_detail", pk=issue.pk)
        if action == "add":
            if form.is_valid():
                return _act(request, issue, lambda: services.do_add_item(user, issue, **form.cleaned_data))
        elif action in actions:
            return _act(request, issue, actions[action])
    context = {
        "issue": issue, "items": issue.items.select_related("unit"), "form": form,
        "deliveries": services.deliveries(issue), "delivery_state": summary_label(issue),
        "recipients": DistributionList.objects.filter(periodical=issue.periodical)
        if issue.status == IssueStatus.SIGNED else [],
        "can_compile": has_perm(user, "periodicals.compile"), "buttons": buttons(ISSUE_FLOW, user, issue),
        "candidates": services.candidates(issue) if issue.status == IssueStatus.DRAFT else [],
    }
    return render(request, "periodicals/issue_detail.html", context)


@login_required
def issue_download(request, pk, fmt):
    """The issue as a GB/T 9704 .docx or .pdf."""
    return download(*issue_file(get_object_or_404(_issues(request.user), pk=pk), fmt))


@login_required
def issue_print(request, pk):
    """The print view, in the layout and with the record of the .docx and the .pdf."""
    issue = get_object_or_404(_issues(request.user), pk=pk)
    record = issue_document(issue).record
    return render(request, "periodicals/issue_print.html", {
        "issue": issue, "items": issue.items.select_related("unit"), "layout": layout, "record": record,
        "record_lines": record_lines(record), "issued": chinese_date(record.issued)})
