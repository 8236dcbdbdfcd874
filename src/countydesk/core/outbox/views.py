"""The outbox page (发件箱) for the emergency office, the information section and the administrator:
every message with its state, attempts and last error; a dead one can be retried from its own page."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countydesk.accounts.scoping import has_perm
from countydesk.base.errors import ServiceError

from ..ui.lists import LinkColumn, ListPage
from ..ui.pages import Detail, Table
from ..ui.tables import Column
from .channels import CHANNELS
from .choices import MessageState
from .models import OutboxMessage
from .services import do_retry_message



OUTBOX_LIST = ListPage(
    gettext_lazy("Outbox"),
    [
        LinkColumn(gettext_lazy("Subject"), lambda m: m.subject, link=lambda m: f"/core/outbox/{m.pk}/"),
        Column(gettext_lazy("Channel"), lambda m: m.channel_label),
        Column(gettext_lazy("Recipient"), lambda m: m.recipient_name or m.recipient),
        Column(gettext_lazy("Caused by"), lambda m: m.source_label),
        Column(gettext_lazy("State"), lambda m: m.get_state_display()),
        Column(gettext_lazy("Attempts"), lambda m: m.attempts),
        Column(gettext_lazy("Last error"), lambda m: m.last_error),
        Column(gettext_lazy("Queued"), lambda m: m.created),
        Column(gettext_lazy("Sent"), lambda m: m.sent_at),
    ],
    "outbox",
)


class OutboxFilter(forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False,
                              choices=[("", "—"), *MessageState.choices])
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), required=False)
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", "—"), *((a.name, a.label) for a in CHANNELS.values())]

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["state"]:
            queryset = queryset.filter(state=data["state"])
        if data["channel"]:
            queryset = queryset.filter(channel=data["channel"])
        if data["q"]:
            queryset = queryset.filter(Q(recipient__icontains=data["q"]) | Q(recipient_name__icontains=data["q"])
                                       | Q(subject__icontains=data["q"]) | Q(source_label__icontains=data["q"]))
        return queryset


def _allowed(request, permission: str):
    if not has_perm(request.user, permission):
        raise Http404


@login_required
def outbox_list(request):
    _allowed(request, "outbox.view")
    form = OutboxFilter(request.GET or None)
    return OUTBOX_LIST.respond(request, form.filter(OutboxMessage.objects.all()), form)


@login_required
def outbox_detail(request, pk):
    _allowed(request, "outbox.view")
    message = get_object_or_404(OutboxMessage.objects.select_related("actor"), pk=pk)
    if request.method == "POST" and request.POST.get("action") == "retry":
        try:
            do_retry_message(request.user, message)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The message will be sent again now."))
        return redirect("core:outbox_detail", pk=message.pk)
    attempts = [(a.at, _("Accepted") if a.ok else _("Refused"), a.error) for a in message.attempt_log.all()]
    detail = Detail(message.subject, [
        (_("Channel"), message.channel_label), (_("Recipient"), f"{message.recipient_name} {message.recipient}"),
        (_("Caused by"), message.source_label), (_("Queued by"), message.actor or ""),
        (_("State"), message.get_state_display()), (_("Attempts"), message.attempts),
        (_("Last error"), message.last_error), (_("Queued"), message.created),
        (_("Next attempt"), message.next_attempt_at if message.state != MessageState.SENT else ""),
        (_("Sent"), message.sent_at), (_("Message ID"), message.message_id),
    ], tables=[Table(_("Attempts"), [_("Time"), _("Outcome"), _("Error")], attempts)],
        actions=[(_("Outbox"), "/core/outbox/")])
    can_retry = message.state == MessageState.DEAD and has_perm(request.user, "outbox.retry")
    return detail.render(request, {"message": message, "can_retry": can_retry}, template="core/outbox_detail.html")
