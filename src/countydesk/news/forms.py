from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NewsItem


class UploadForm(forms.Form):
    file = forms.FileField(label=_("RSS/Atom (.xml), .xlsx or .csv file"))


class PasteForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    published = forms.DateField(label=_("Published (YYYY-MM-DD)"))
    source = forms.ChoiceField(label=_("Source"), choices=NewsItem.Source.choices)
    outlet = forms.CharField(label=_("Outlet"), max_length=100, required=False)
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")


class FeedForm(forms.Form):
    name = forms.CharField(label=_("Feed name"), max_length=100)
    url = forms.URLField(label=_("Feed address"), assume_scheme="https")


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False)
    end = forms.DateField(label=_("Until"), required=False)
    q = forms.CharField(label=_("Search"), required=False)
