from django import forms
from django.utils.translation import gettext_lazy as _

from countydesk.accounts.models import User
from countydesk.audit.actions import action_choices
from countydesk.audit.display import object_type_choices
from countydesk.audit.queries import AuditQuery
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
    """Filters of the audit page (审计日志查询); a bad value is a form error, never an unfiltered list."""

    actor = forms.ChoiceField(label=_("Actor"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), required=False,
        queryset=Unit.objects.exclude(kind__in=[UnitKind.VILLAGE, UnitKind.ENTERPRISE]).order_by("path"),
    )
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = User.objects.order_by("username").only("username", "display_name")
        self.fields["actor"].choices = [("", _("Everyone")), ("system", _("the platform"))] + [
            (u.username, str(u)) for u in users
        ]
        self.fields["object_type"].choices = [("", _("All kinds"))] + object_type_choices()
        self.fields["action"].choices = [("", _("All actions"))] + action_choices()

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def query(self) -> AuditQuery:
        """The criteria of a valid form (call is_valid() first)."""
        data = self.cleaned_data
        return AuditQuery(actor=data["actor"], unit=data["unit"], object_type=data["object_type"],
                          object_id=data["object_id"].strip(), action=data["action"],
                          date_from=data["date_from"], date_to=data["date_to"])


class UnitContactForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["duty_phone", "address", "lat", "lon"]
