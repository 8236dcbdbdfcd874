"""The command page's form to issue a dispatch order (下达调度令)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from countydesk.registry.teams.models import Expert, Team


class IssueOrderForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.select_related("unit"))
    experts = forms.ModelMultipleChoiceField(label=pgettext_lazy("dispatch order", "Experts"), queryset=Expert.objects.all(), required=False)
    task = forms.CharField(label=_("Task"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    destination = forms.CharField(label=_("Destination"), max_length=300, required=False,
                                  help_text=_("Empty: the incident's location."))
