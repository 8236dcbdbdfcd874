"""The evaluation pages (总结评估): one incident's measured handling with the office's lessons, its report
for download, and the county-wide intervals by month and incident type."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import has_perm
from countydesk.base.errors import ServiceError
from countydesk.core.ui.errors import forbidden
from countydesk.core.ui.files import download
from countydesk.incidents.access import incidents_for
from countydesk.incidents.choices import Status

from ..evaluation.document import evaluation_file
from ..evaluation.measures import measure
from ..evaluation.trends import EVALUATION_LIST, TrendFilter, trends
from ..models.evaluation import Evaluation
from ..services.evaluation import do_write_evaluation

FORMATS = ("docx", "pdf", "xlsx")


def _incident(request, pk):
    if not has_perm(request.user, "command.view"):
        raise Http404
    return get_object_or_404(incidents_for(request.user).select_related("township"), pk=pk)


@login_required
def evaluation_page(request, pk):
    incident = _incident(request, pk)
    evaluation = Evaluation.objects.filter(incident=incident).select_related("case", "made_by").first()
    may_write = evaluation is None and incident.status == Status.CLOSED and has_perm(request.user, "command.evaluate")
    error, lessons = None, ""
    if request.method == "POST":
        if not may_write:
            return forbidden(request)
        lessons = request.POST.get("lessons", "")
        try:
            do_write_evaluation(request.user, incident, lessons)
        except ServiceError as exc:
            error = exc.message
        else:
            messages.success(request, _("The evaluation is written and the case filed in the case library."))
            return redirect("command:evaluation", pk=incident.pk)
    return render(request, "command/evaluation.html", {
        "title": _("Evaluation of %s") % incident.number, "incident": incident, "evaluation": evaluation,
        "measures": evaluation.measures if evaluation else measure(incident), "may_write": may_write,
        "error": error, "lessons": lessons, "formats": FORMATS,
    }, status=422 if error else 200)


@login_required
def evaluation_download(request, pk, fmt):
    incident = _incident(request, pk)
    evaluation = get_object_or_404(Evaluation, incident=incident)
    if fmt not in FORMATS:
        raise Http404
    return download(*evaluation_file(evaluation, fmt))


@login_required
def evaluation_list(request):
    if not has_perm(request.user, "command.view"):
        return forbidden(request)
    form = TrendFilter(request.GET or None)
    evaluations = form.filtered(Evaluation.objects.filter(incident__in=incidents_for(request.user))
                                .select_related("incident", "made_by"))
    waiting = incidents_for(request.user).filter(status=Status.CLOSED).order_by("-received_at")[:50]
    return EVALUATION_LIST.respond(request, evaluations, form, template="command/evaluations.html",
                                   extra={"charts": trends(evaluations, form.interval()), "waiting": waiting})
