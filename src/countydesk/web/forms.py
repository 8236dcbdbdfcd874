from django import forms
from django.utils.translation import gettext_lazy as _

from countydesk.orgs.choices import UnitKind
from countydesk.orgs.models import Unit


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds"))] + UnitKind.choices)
    key_liaison = forms.BooleanField(label=_("Key liaison units only"), required=False)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.filter(name__icontains=data["q"]) | queryset.filter(code__startswith=data["q"])
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["key_liaison"]:
            queryset = queryset.filter(key_liaison=True)
        return queryset


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.none())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.all()

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if self.cleaned_data["q"]:
            queryset = queryset.filter(name__icontains=self.cleaned_data["q"])
        if self.cleaned_data["unit"]:
            queryset = queryset.filter(unit__path__startswith=self.cleaned_data["unit"].path)
        return queryset


class StaffingFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False,
        choices=[("", _("Townships and departments")), (UnitKind.TOWNSHIP, UnitKind.TOWNSHIP.label),
                 (UnitKind.DEPARTMENT, UnitKind.DEPARTMENT.label)],
    )
    gaps_only = forms.BooleanField(label=_("Only units short of officers"), required=False)


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action"), required=False)
    object_type = forms.CharField(label=_("Object type"), required=False)
    actor = forms.CharField(label=_("Actor"), required=False)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["action"]:
            queryset = queryset.filter(action__startswith=data["action"])
        if data["object_type"]:
            queryset = queryset.filter(object_type=data["object_type"])
        if data["actor"]:
            queryset = queryset.filter(actor_name=data["actor"])
        return queryset


class UnitContactForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["duty_phone", "address", "lat", "lon"]
