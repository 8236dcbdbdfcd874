"""Forms of the allocation and requisition pages (物资调配、征用)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from countydesk.registry.supplies.forms import ItemChoiceField
from countydesk.registry.supplies.models import Depot, Item

from .models import AllocationStatus, OwnerKind

REQUISITION_ROWS = 3


class IncidentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} {obj.title}"


class AllocationForm(forms.Form):
    incident = IncidentChoiceField(label=_("Incident"), queryset=None)
    depot = forms.ModelChoiceField(label=_("Depot"), queryset=Depot.objects.filter(active=True))
    item = ItemChoiceField(label=_("Supply item"), queryset=Item.objects.filter(active=True))
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0.001, max_digits=14, decimal_places=3)
    destination = forms.CharField(label=_("Destination"), max_length=200, required=False)

    def __init__(self, *args, incidents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["incident"].queryset = incidents


class AllocationFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + AllocationStatus.choices)

    def filter(self, queryset):
        if self.is_valid() and self.cleaned_data["status"]:
            return queryset.filter(status=self.cleaned_data["status"])
        return queryset


class RequisitionForm(forms.Form):
    """The owner, the purpose and up to REQUISITION_ROWS items (a row without a description is left out)."""

    incident = IncidentChoiceField(label=_("Incident"), queryset=None)
    owner_name = forms.CharField(label=_("Owner"), max_length=100)
    owner_kind = forms.ChoiceField(label=_("Owner kind"), choices=OwnerKind.choices)
    owner_contact = forms.CharField(label=_("Owner contact"), max_length=100)
    owner_id_code = forms.CharField(label=_("ID number or credit code"), max_length=30)
    purpose = forms.CharField(label=_("Purpose"), max_length=200)
    decided = forms.BooleanField(label=_("Decision issued at once"), required=False)

    def __init__(self, *args, incidents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["incident"].queryset = incidents
        for n in range(REQUISITION_ROWS):
            self.fields[f"description_{n}"] = forms.CharField(label=_("Item"), max_length=200, required=False)
            self.fields[f"quantity_{n}"] = forms.DecimalField(label=_("Quantity"), min_value=0.01, max_digits=10,
                                                              decimal_places=2, required=False, initial=1)
            self.fields[f"condition_{n}"] = forms.CharField(label=_("Condition before use"), max_length=200,
                                                            required=False)
            self.fields[f"value_{n}"] = forms.DecimalField(label=_("Value (yuan)"), min_value=0, max_digits=12,
                                                           decimal_places=2, required=False)
            self.fields[f"age_{n}"] = forms.IntegerField(label=_("Age (years)"), min_value=0, max_value=200,
                                                         required=False, initial=0)

    def lines(self) -> list[dict]:
        data = self.cleaned_data
        return [{"description": data[f"description_{n}"], "quantity": data[f"quantity_{n}"] or 1,
                 "condition_before": data[f"condition_{n}"], "value": data[f"value_{n}"] or 0,
                 "age_years": data[f"age_{n}"] or 0}
                for n in range(REQUISITION_ROWS) if data[f"description_{n}"].strip()]

    def owner(self) -> dict:
        return {f: self.cleaned_data[f] for f in ("owner_name", "owner_kind", "owner_contact", "owner_id_code")}

