from django import forms
from django.utils.translation import gettext_lazy as _

from countydesk.core.taxonomy import EVENT_TYPE_CHOICES

from .choices import ReportKind, Status
from .models import PhoneLog, Report


class CitizenReportForm(forms.Form):
    """The public form (群众报告): what, where, when, and how to call back."""

    description = forms.CharField(label=_("What happened"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    address = forms.CharField(label=_("Where (township, village, road)"), max_length=300)
    occurred_at = forms.DateTimeField(label=_("When (optional)"), required=False)
    caller_name = forms.CharField(label=_("Your name (optional)"), max_length=50, required=False)
    caller_phone = forms.CharField(label=_("Your phone"), max_length=30)


class PhoneCallForm(forms.Form):
    """The duty phone log (值班电话记录), DOMAIN.md §2."""

    occurred_at = forms.DateTimeField(label=_("Time of the event"), required=False)
    address = forms.CharField(label=_("Place"), max_length=300)
    description = forms.CharField(label=_("What happened"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    caller_name = forms.CharField(label=_("Reporter's name"), max_length=50)
    caller_phone = forms.CharField(label=_("Reporter's phone"), max_length=30)
    deaths = forms.IntegerField(label=_("Deaths"), min_value=0, initial=0)
    seriously_injured = forms.IntegerField(label=_("Seriously injured"), min_value=0, initial=0)
    injured = forms.IntegerField(label=_("Injured"), min_value=0, initial=0, required=False)
    trapped = forms.IntegerField(label=_("Trapped"), min_value=0, initial=0, required=False)
    missing = forms.IntegerField(label=_("Missing"), min_value=0, initial=0, required=False)

    def clean(self):
        return _blank_counts_are_zero(super().clean())


class PhoneLogForm(forms.ModelForm):
    class Meta:
        model = PhoneLog
        fields = ["reporter_unit", "reporter_position", "cause", "course", "measures", "result", "impact", "trend",
                  "reported_to"]
        widgets = {f: forms.Textarea(attrs={"rows": 2}) for f in ["cause", "course", "measures", "result", "impact",
                                                                  "trend"]}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or Excel file (.csv, .xlsx)"))


class IncidentFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + Status.choices)
    q = forms.CharField(label=_("Search"), required=False)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if self.cleaned_data["status"]:
            queryset = queryset.filter(status=self.cleaned_data["status"])
        if self.cleaned_data["q"]:
            queryset = queryset.filter(title__icontains=self.cleaned_data["q"])
        return queryset


class ClassifyForm(forms.Form):
    type_code = forms.ChoiceField(label=_("Event type"), choices=EVENT_TYPE_CHOICES)


class FiguresForm(forms.Form):
    """Figures the duty officer has verified: they replace what callers said."""

    deaths = forms.IntegerField(label=_("Deaths"), min_value=0)
    seriously_injured = forms.IntegerField(label=_("Seriously injured"), min_value=0)
    injured = forms.IntegerField(label=_("Injured"), min_value=0, required=False)
    trapped = forms.IntegerField(label=_("Trapped"), min_value=0, required=False)
    missing = forms.IntegerField(label=_("Missing"), min_value=0, required=False)
    direct_loss = forms.DecimalField(label=_("Direct loss (yuan)"), min_value=0, max_digits=14, decimal_places=0)

    def clean(self):
        return _blank_counts_are_zero(super().clean())


def _blank_counts_are_zero(data: dict) -> dict:
    """The newer counts (injured, trapped, missing) may be left empty: none."""
    return data | {f: 0 for f in ("injured", "trapped", "missing") if f in data and data[f] is None}


class NewReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["source", "occurred_at", "place", "nature", "cause", "deaths", "seriously_injured", "injured",
                  "trapped", "missing", "direct_loss", "course", "scope", "trend", "measures", "leaders_on_site", "next_steps", "site_contact"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in ["cause", "course", "scope", "trend", "measures",
                                                                  "next_steps"]}
