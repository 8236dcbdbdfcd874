from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from countydesk.orgs.models import Unit

from .choices import DepotKind, EntryKind, MovementKind, TransferStatus
from .models import Category, Depot, Item


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}（{obj.unit_of_measure}）"


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    klass = forms.ChoiceField(label=_("Class"), required=False)
    equipment = forms.BooleanField(label=_("Equipment only"), required=False)

    def __init__(self, *args, **kwargs):
        """The classes offered are the catalogue's own top level (GB/T 38565 大类), as the administrator keeps it."""
        super().__init__(*args, **kwargs)
        classes = Category.objects.filter(parent__isnull=True).values_list("code", "name")
        self.fields["klass"].choices = [("", _("All classes")), *classes]

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.filter(name__icontains=data["q"]) | queryset.filter(code__startswith=data["q"])
        if data["klass"]:
            queryset = queryset.filter(code__startswith=data["klass"])
        return queryset.filter(is_equipment=True) if data["equipment"] else queryset


class DepotFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds"))] + DepotKind.choices)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if self.cleaned_data["q"]:
            queryset = queryset.filter(name__icontains=self.cleaned_data["q"])
        return queryset.filter(kind=self.cleaned_data["kind"]) if self.cleaned_data["kind"] else queryset


class DepotForm(forms.ModelForm):
    class Meta:
        model = Depot
        fields = ["name", "kind", "unit", "address", "lat", "lon", "manager", "phone"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.all()


class EntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EntryKind.choices)
    item = ItemChoiceField(label=_("Supply item"), queryset=Item.objects.filter(active=True))
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0, max_digits=14, decimal_places=3)
    batch_no = forms.CharField(label=_("Batch number"), max_length=40, required=False)
    production_date = forms.DateField(label=_("Production date"), required=False,
                                      widget=forms.DateInput(attrs={"type": "date"}))
    expiry_date = forms.DateField(label=_("Expiry date"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)
    reference = forms.CharField(label=_("Reference"), max_length=60, required=False)


class QuotaForm(forms.Form):
    item = ItemChoiceField(label=_("Supply item"), queryset=Item.objects.filter(active=True))
    quantity = forms.DecimalField(label=_("Quota"), min_value=0, max_digits=14, decimal_places=3)


class LedgerFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds"))] + MovementKind.choices)
    q = forms.CharField(label=_("Supply item"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["q"]:
            queryset = queryset.filter(Q(item__name__icontains=data["q"]) | Q(item__code__startswith=data["q"]))
        if data["since"]:
            queryset = queryset.filter(at__date__gte=data["since"])
        return queryset.filter(at__date__lte=data["until"]) if data["until"] else queryset


class TransferForm(forms.Form):
    from_depot = forms.ModelChoiceField(label=_("From depot"), queryset=Depot.objects.filter(active=True))
    to_depot = forms.ModelChoiceField(label=_("To depot"), queryset=Depot.objects.filter(active=True))
    item = ItemChoiceField(label=_("Supply item"), queryset=Item.objects.filter(active=True))
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0.001, max_digits=14, decimal_places=3)
    reason = forms.CharField(label=_("Reason"), max_length=200)
    emergency = forms.BooleanField(label=_("Emergency delivery"), required=False)

    def __init__(self, *args, to_depots=None, **kwargs):
        super().__init__(*args, **kwargs)
        if to_depots is not None:
            self.fields["to_depot"].queryset = to_depots


class TransferFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + TransferStatus.choices)

    def filter(self, queryset):
        if self.is_valid() and self.cleaned_data["status"]:
            return queryset.filter(status=self.cleaned_data["status"])
        return queryset


class ExpiryFilterForm(forms.Form):
    days = forms.IntegerField(label=_("Expiring within (days)"), required=False, min_value=0, max_value=3650)


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))


class CensusUploadForm(forms.Form):
    MODES = [("clean", _("Import if the file is clean")), ("check", _("Check only")),
             ("good_rows", _("Import the good rows even if others are wrong"))]
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    file = forms.FileField(label=_("Census workbook (.xlsx)"))
    mode = forms.ChoiceField(label=_("Then"), choices=MODES, initial="clean")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
