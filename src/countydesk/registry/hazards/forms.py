from django import forms

from countydesk.registry.teams.forms import OwnedForm

from .models import Hazard, HiddenDanger, Inspection


class HazardForm(OwnedForm):
    app = "hazards"

    class Meta:
        model = Hazard
        fields = ["name", "kind", "level", "unit", "address", "lat", "lon", "monitoring"]


class InspectionForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = ["date", "inspector", "findings"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


class DangerForm(forms.ModelForm):
    class Meta:
        model = HiddenDanger
        fields = ["description", "level", "found_on", "deadline", "measures"]
        widgets = {"found_on": forms.DateInput(attrs={"type": "date"}),
                   "deadline": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].required = False
        self.fields["found_on"].required = False

    def clean(self):
        data = super().clean()
        return {k: v for k, v in data.items() if v not in (None, "")} | {"measures": data.get("measures", "")}
