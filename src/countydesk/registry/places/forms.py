from django import forms
from django.utils.translation import gettext_lazy as _

from countydesk.registry.teams.forms import OwnedForm

from .models import ProtectedTarget, Shelter


class ShelterForm(OwnedForm):
    app = "places"

    class Meta:
        model = Shelter
        fields = ["name", "unit", "capacity", "area_m2", "facilities", "status", "manager_phone", "address", "lat",
                  "lon"]


class TargetForm(OwnedForm):
    app = "places"

    class Meta:
        model = ProtectedTarget
        fields = ["name", "kind", "unit", "population", "phone", "address", "lat", "lon"]


class WhereForm(forms.Form):
    """Where the public user is: a township or village name, or a latitude and longitude."""

    q = forms.CharField(label=_("Township or village"), required=False, max_length=50)
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or a place name."))
        return data
