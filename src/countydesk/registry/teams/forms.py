"""Forms of the team pages; the shared filter form lives here too (hazards and places reuse it)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from countydesk.accounts.scoping import has_perm, scope
from countydesk.core.taxonomy import EVENT_TYPE_CHOICES
from countydesk.orgs.models import Unit

from .models import Certificate, Equipment, Expert, Member, Team, Training, Volunteer


def managed_units(user, app: str):
    """Units the user may file records under: all for `<app>.manage`, else their own subtree."""
    units = Unit.objects.filter(active=True)
    return units if has_perm(user, f"{app}.manage") else scope(user, units, "self")


class OwnedForm(forms.ModelForm):
    """A model form whose `unit` choices are the units the user may manage in `app`."""

    app = "teams"

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "unit" in self.fields:
            self.fields["unit"].queryset = managed_units(user, self.app)


class TeamForm(OwnedForm):
    capabilities = forms.MultipleChoiceField(label=_("capabilities (event types)"), choices=EVENT_TYPE_CHOICES,
                                             required=False, widget=forms.SelectMultiple(attrs={"size": 8}))

    class Meta:
        model = Team
        fields = ["name", "kind", "unit", "leader", "phone", "headcount", "readiness", "capabilities", "address",
                  "lat", "lon", "note"]


class ExpertForm(OwnedForm):
    specialties = forms.MultipleChoiceField(label=_("specialties (event types)"), choices=EVENT_TYPE_CHOICES,
                                            required=False, widget=forms.SelectMultiple(attrs={"size": 8}))

    class Meta:
        model = Expert
        fields = ["name", "title", "unit", "specialties", "phone", "availability"]


class VolunteerForm(OwnedForm):
    class Meta:
        model = Volunteer
        fields = ["name", "phone", "skills", "unit", "availability"]


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ["name", "phone", "position", "skills"]


class CertificateForm(forms.ModelForm):
    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = team.members.all()

    class Meta:
        model = Certificate
        fields = ["member", "name", "number", "expires"]
        widgets = {"expires": forms.DateInput(attrs={"type": "date"})}


class EquipmentForm(forms.ModelForm):
    class Meta:
        model = Equipment
        fields = ["name", "quantity"]


class TrainingForm(forms.ModelForm):
    class Meta:
        model = Training
        fields = ["date", "kind", "subject", "participants", "hours"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


class FilterForm(forms.Form):
    """Text search plus one choice field: `choice_field` names the model field filtered."""

    q = forms.CharField(label=_("Search"), required=False)
    choice = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, data, *, choices, label, choice_field, text_fields=("name",)):
        super().__init__(data)
        self.fields["choice"].choices = [("", "—"), *choices]
        self.fields["choice"].label = label
        self.choice_field, self.text_fields = choice_field, text_fields

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        q = self.cleaned_data["q"]
        if q:
            cond = Q()
            for name in self.text_fields:
                cond |= Q(**{f"{name}__icontains": q})
            queryset = queryset.filter(cond)
        if self.cleaned_data["choice"]:
            queryset = queryset.filter(**{self.choice_field: self.cleaned_data["choice"]})
        return queryset
