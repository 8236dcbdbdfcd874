from django import forms
from django.utils.translation import gettext_lazy as _

from countydesk.orgs.models import Unit

from .choices import AttendanceStatus, Kind, SubmissionStatus, Tone, TopicStatus
from .models import ScoreRule, Theme
from .models.submission import returned_for_changes
from .rules import BODY_TOO_LONG, max_body_chars

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DAY = forms.DateInput(attrs={"type": "date"})


def _themes():
    return Theme.objects.select_related("guidance").order_by("-guidance__year", "number")


class SubmissionForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    body = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 12}))
    kind = forms.ChoiceField(label=_("kind"), choices=Kind.choices)
    tone = forms.ChoiceField(label=_("tone"), choices=Tone.choices)
    theme = forms.ModelChoiceField(label=_("theme"), queryset=Theme.objects.none(), required=False)
    early_signal = forms.BooleanField(label=_("early signal (fast lane)"), required=False)
    event_at = forms.DateTimeField(label=_("time of the event"), widget=LOCAL)
    place = forms.CharField(label=_("place of the event"), max_length=100, required=False,
                            help_text=_("Where it happened, when the text does not say it (township, village, site)."))
    source = forms.CharField(label=_("source of the information"), max_length=100, required=False,
                             help_text=_("Who or what the facts come from, when the text does not say it "
                                         "(e.g. 据县统计局统计, 群众来电反映)."))
    collected_at = forms.DateTimeField(label=_("collected at"), widget=LOCAL)
    written_at = forms.DateTimeField(label=_("written at"), widget=LOCAL)
    writer_name = forms.CharField(label=_("writer"), max_length=50)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = _themes()
        limit = max_body_chars()
        self.fields["body"].widget.attrs |= {"data-max-chars": limit,
                                             "data-too-long": str(BODY_TOO_LONG) % {"length": "%(length)s",
                                                                                    "limit": limit}}


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=[("", "—")] + SubmissionStatus.choices, required=False)
    unit = forms.ModelChoiceField(label=_("unit"), queryset=Unit.objects.none(), required=False)
    theme = forms.ModelChoiceField(label=_("theme"), queryset=Theme.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=[("", "—")] + Kind.choices, required=False)
    tone = forms.ChoiceField(label=_("tone"), choices=[("", "—")] + Tone.choices, required=False)
    q = forms.CharField(label=_("title contains"), required=False)
    returned = forms.BooleanField(label=_("returned for changes"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["theme"].queryset = _themes()

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = {k: v for k, v in self.cleaned_data.items() if v}
        if "q" in data:
            queryset = queryset.filter(title__icontains=data.pop("q"))
        if data.pop("returned", False):
            queryset = queryset.filter(returned_for_changes())
        return queryset.filter(**data)


class TopicForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    outline = forms.CharField(label=_("research outline"), widget=forms.Textarea(attrs={"rows": 6}))
    theme = forms.ModelChoiceField(label=_("theme"), queryset=Theme.objects.none(), required=False)
    intended_month = forms.DateField(label=_("intended month"), widget=DAY)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = _themes()


class TopicFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=[("", "—")] + TopicStatus.choices, required=False)

    def filter(self, queryset):
        return queryset.filter(status=self.cleaned_data["status"]) if self.is_valid() and self.cleaned_data["status"] \
            else queryset


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("from"), required=False, widget=DAY)
    end = forms.DateField(label=_("until"), required=False, widget=DAY)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if self.cleaned_data["start"]:
            queryset = queryset.filter(event_at__date__gte=self.cleaned_data["start"])
        if self.cleaned_data["end"]:
            queryset = queryset.filter(event_at__date__lte=self.cleaned_data["end"])
        return queryset


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("file"))


class RuleDocumentForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    adopted_on = forms.DateField(label=_("adopted on"), widget=DAY)
    file = forms.FileField(label=_("file"))


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    start = forms.DateField(label=_("from"), widget=DAY)
    end = forms.DateField(label=_("until"), widget=DAY)
    place = forms.CharField(label=_("place"), max_length=100, required=False)


class AttendanceForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("attendance"), choices=AttendanceStatus.choices)


class AdoptionForm(forms.Form):
    rule = forms.ModelChoiceField(label=_("scoring rule"), queryset=ScoreRule.objects.all())
    on = forms.DateField(label=_("date"), widget=DAY)
    note = forms.CharField(label=_("note"), max_length=200, required=False)


class RankingForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("month (empty: whole year)"), min_value=1, max_value=12, required=False)
    quarter = forms.IntegerField(label=_("quarter"), min_value=1, max_value=4, required=False)
