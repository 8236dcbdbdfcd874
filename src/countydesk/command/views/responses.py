"""Pages of emergency responses (应急响应): the activation form reached from the incident page (启动响应), with
the suggested plans and their reasons, and the response page with its level changes and termination."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countydesk.accounts.scoping import has_perm
from countydesk.base.errors import NotFound, ServiceError
from countydesk.core.events.sse import stream_url
from countydesk.core.ui.errors import forbidden, not_found
from countydesk.incidents.access import incidents_for
from countydesk.registry.plans.applicability import suggest
from countydesk.registry.plans.choices import EFFECTIVE, ResponseLevel
from countydesk.registry.plans.models import Plan

from ..services import responses as services


class ActivationForm(forms.Form):
    plan = forms.ModelChoiceField(label=gettext_lazy("Plan"), queryset=Plan.objects.none())
    level = forms.ChoiceField(label=gettext_lazy("Response level"), choices=ResponseLevel.choices)
    reason = forms.CharField(label=gettext_lazy("Reason (required when choosing another plan or level)"),
                             required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(status__in=EFFECTIVE).order_by("kind", "title")


class LevelForm(forms.Form):
    level = forms.ChoiceField(label=gettext_lazy("New level"), choices=ResponseLevel.choices)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=2000)


class TerminateForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=2000)


def _errors(request, exc: ServiceError):
    messages.error(request, exc.message)
    for field, errors in exc.fields.items():
        messages.error(request, f"{field}: {'；'.join(map(str, errors))}")


@login_required
def activate(request, incident_id):
    """启动响应 for one incident: the suggestions with their reasons, then the commander's choice."""
    if not has_perm(request.user, "command.activate"):
        return forbidden(request)
    incident = incidents_for(request.user).select_related("township").filter(pk=incident_id).first()
    if incident is None:
        return not_found(request)
    suggestions = suggest(incident)
    initial = {"plan": suggestions[0].plan, "level": suggestions[0].level} if suggestions else {}
    form = ActivationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            response = services.do_activate_response(request.user, incident, data["plan"], data["level"], data["reason"])
        except ServiceError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Response activated."))
            return redirect("command:response_detail", pk=response.pk)
    active = services.visible_responses(request.user).filter(incident=incident).select_related("plan")
    return render(request, "command/response_form.html", {
        "title": _("Activate a response"), "incident": incident, "suggestions": suggestions, "form": form,
        "responses": active})


@login_required
def response_detail(request, pk):
    try:
        response = services.get_response(request.user, pk)
    except NotFound:
        return not_found(request)
    if request.method == "POST":
        return _act(request, response)
    can_act = [t.name for t in services.FLOW.available(request.user, response)]
    return render(request, "command/response_detail.html", {
        "title": str(response), "response": response, "can_act": can_act,
        "level_changes": response.level_changes.select_related("changed_by"),
        "level_form": LevelForm(initial={"level": response.level}), "terminate_form": TerminateForm(),
        "stream_url": stream_url(services.TOPIC)})


def _act(request, response):
    action = request.POST.get("action", "")
    form = {"change_level": LevelForm, "terminate": TerminateForm}.get(action)
    if form is None:
        messages.error(request, _("Unknown action."))
        return redirect("command:response_detail", pk=response.pk)
    form = form(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {'；'.join(errors)}")
        return redirect("command:response_detail", pk=response.pk)
    data = form.cleaned_data
    try:
        if action == "change_level":
            services.do_change_response_level(request.user, response, data["level"], data["reason"])
        else:
            services.do_terminate_response(request.user, response, data["reason"])
    except ServiceError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Saved."))
    return redirect("command:response_detail", pk=response.pk)
