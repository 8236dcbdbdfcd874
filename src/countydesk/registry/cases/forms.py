from django import forms
from django.utils.translation import gettext_lazy as _

from countydesk.core.taxonomy import CATEGORY_CHOICES, EVENT_TYPE_CHOICES
from countydesk.orgs.choices import UnitKind
from countydesk.orgs.models import Unit


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False, choices=[("", _("All"))] + CATEGORY_CHOICES)
    event_type = forms.ChoiceField(label=_("Event type"), required=False,
                                   choices=[("", _("All types"))] + EVENT_TYPE_CHOICES)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)

    def search_args(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class CaseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    event_type = forms.ChoiceField(label=_("Event type"), choices=EVENT_TYPE_CHOICES)
    occurred_on = forms.DateField(label=_("Date"))
    township = forms.ModelChoiceField(label=_("Township"), required=False,
                                      queryset=Unit.objects.filter(kind=UnitKind.TOWNSHIP))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    deaths = forms.IntegerField(label=_("Deaths"), min_value=0, initial=0)
    injuries = forms.IntegerField(label=_("Injuries"), min_value=0, initial=0)
    direct_loss = forms.DecimalField(label=_("Direct loss (10,000 yuan)"), min_value=0, required=False,
                                     max_digits=12, decimal_places=2)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}))
    lessons = forms.CharField(label=_("Lessons learned"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    plans = forms.ModelMultipleChoiceField(label=_("Linked plans"), required=False, queryset=None,
                                           widget=forms.SelectMultiple(attrs={"size": 6}))

    def __init__(self, *args, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = plans


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
