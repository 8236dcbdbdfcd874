from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Periodical


class NewIssueForm(forms.Form):
    periodical = forms.ModelChoiceField(label=_("Periodical"), queryset=Periodical.objects.filter(active=True))


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))
    writer = forms.CharField(label=_("Writer"), max_length=50, required=False)
