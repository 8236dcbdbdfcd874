"""Forms of the plan pages; multi-row parts (response levels, resources, actions) are typed one per line."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from countydesk.core.taxonomy import EVENT_TYPE_CHOICES
from countydesk.orgs.models import Unit
from countydesk.registry.supplies.models import Item
from countydesk.registry.teams.choices import TeamKind

from . import requirements
from .choices import DrillKind, EvaluationItem, PlanKind, PlanLevel, PlanStatus, ResourceKind, ResponseLevel, \
    RevisionReason

LEVEL_WORDS = {"I": "I", "Ⅰ": "I", "II": "II", "Ⅱ": "II", "III": "III", "Ⅲ": "III", "IV": "IV", "Ⅳ": "IV"}
SPLIT = re.compile(r"\s*[|｜]\s*")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _level(word: str) -> str:
    level = LEVEL_WORDS.get(word.strip().upper().removesuffix("级"))
    if level is None:
        raise forms.ValidationError(_("Unknown response level: %s") % word)
    return level


def parse_responses(text: str) -> list[dict]:
    """Lines like "Ⅳ：死亡1—2人" → [{level, trigger}]."""
    rows = []
    for line in _lines(text):
        level, _sep, trigger = line.partition("：") if "：" in line else line.partition(":")
        if not trigger.strip():
            raise forms.ValidationError(_("Write each level as “Ⅳ：trigger”: %s") % line)
        rows.append({"level": _level(level), "trigger": trigger.strip()})
    return rows


def parse_resources(text: str) -> list[dict]:
    """Lines like "Ⅳ | 队伍 | 防汛抢险队 | 2 | 支 | 101 专业队伍" (see requirements.py)."""
    try:
        return requirements.parse_lines(text)
    except ValueError as exc:
        raise forms.ValidationError(str(exc)) from None


def parse_actions(text: str) -> list[dict]:
    """Lines like "补充抽水泵 | 县水利局 | 2026-12-31" → [{description, unit, due_on}]."""
    rows, units = [], {u.name: u for u in Unit.objects.filter(active=True)}
    for line in _lines(text):
        parts = SPLIT.split(line)
        if len(parts) != 3 or parts[1] not in units:
            raise forms.ValidationError(_("Write each action as “action | responsible unit | YYYY-MM-DD”: %s") % line)
        try:
            due_on = date.fromisoformat(parts[2])
        except ValueError:
            raise forms.ValidationError(_("Not a date: %s") % parts[2]) from None
        rows.append({"description": parts[0], "unit": units[parts[1]], "due_on": due_on})
    return rows


def response_lines(plan) -> str:
    return "\n".join(f"{r.level}：{r.trigger}" for r in plan.responses.all())


def resource_lines(plan) -> str:
    return requirements.lines_of(plan.resources.select_related("item"))


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds"))] + PlanKind.choices)
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("All levels"))] + PlanLevel.choices)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + PlanStatus.choices)
    event_type = forms.ChoiceField(label=_("Event type"), required=False,
                                   choices=[("", _("All types"))] + EVENT_TYPE_CHOICES)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.filter(title__icontains=data["q"])
        for name in ("kind", "level", "status"):
            if data[name]:
                queryset = queryset.filter(**{name: data[name]})
        if data["event_type"]:
            queryset = queryset.filter(event_types__code=data["event_type"])
        return queryset


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanKind.choices)
    level = forms.ChoiceField(label=_("Level"), choices=PlanLevel.choices)
    owner = forms.ModelChoiceField(label=_("Owner unit"), queryset=Unit.objects.none())
    lead_unit = forms.ModelChoiceField(label=_("Lead unit"), queryset=Unit.objects.filter(active=True), required=False)
    supporting_units = forms.ModelMultipleChoiceField(label=_("Supporting units"), required=False,
                                                      queryset=Unit.objects.filter(active=True),
                                                      widget=forms.SelectMultiple(attrs={"size": 8}))
    upper_plans = forms.ModelMultipleChoiceField(label=_("Linked upper plans"), required=False, queryset=None,
                                                 widget=forms.SelectMultiple(attrs={"size": 6}))
    event_types = forms.MultipleChoiceField(label=_("Event types covered"), choices=EVENT_TYPE_CHOICES, required=False,
                                            widget=forms.CheckboxSelectMultiple(attrs={"class": "columns"}))
    responses = forms.CharField(label=_("Response levels (one per line: Ⅳ：trigger)"), required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))
    resources = forms.CharField(
        label=_("More required resources, typed (one per line: Ⅳ | 队伍/专家/物资 | name | quantity | unit | match)"),
        required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Match (optional): for a team its capability as an event-type code and optionally its kind "
                    "(“105 专业队伍”), for an expert the specialty code (“205”), for a supply the GB/T 38565 "
                    "catalogue code (“2010101”). A row without a match is kept as free text, shown as unmatched."))
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, owners=None, upper_plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["upper_plans"].queryset = upper_plans

    def clean_responses(self):
        return parse_responses(self.cleaned_data["responses"])

    def clean_resources(self):
        return parse_resources(self.cleaned_data["resources"])


class IssueForm(forms.Form):
    issued_on = forms.DateField(label=_("Issue date"), required=False)


class ConfirmForm(forms.Form):
    """No fields: pressing the button is the decision."""


class FilingForm(forms.Form):
    recipient = forms.CharField(label=_("Filed with"), max_length=200, required=False)
    filed_on = forms.DateField(label=_("Filed on"), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class RevisionForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RevisionReason.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class EvaluationForm(forms.Form):
    evaluated_on = forms.DateField(label=_("Evaluated on"), required=False)


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Plan text (.docx or .pdf, at most 20 MB)"))


class DueFilterForm(forms.Form):
    overdue_only = forms.BooleanField(label=_("Overdue only"), required=False)
    within = forms.IntegerField(label=_("Or due within N days"), required=False, min_value=0, max_value=3650)


class DrillForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Date"))
    kind = forms.ChoiceField(label=_("Kind"), choices=DrillKind.choices)
    participants = forms.ModelMultipleChoiceField(label=_("Participating units"), required=False,
                                                  queryset=Unit.objects.filter(active=True),
                                                  widget=forms.SelectMultiple(attrs={"size": 8}))
    findings = forms.CharField(label=_("Findings"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    actions = forms.CharField(label=_("Improvement actions (one per line: action | responsible unit | YYYY-MM-DD)"),
                              required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        for item, label in EvaluationItem.choices:
            self.fields[f"score_{item}"] = forms.IntegerField(label=label, required=False, min_value=0, max_value=100)

    def clean_actions(self):
        return parse_actions(self.cleaned_data["actions"])

    def scores(self) -> dict:
        """Every evaluation item; an empty one removes its score."""
        return {item: self.cleaned_data[f"score_{item}"] for item in EvaluationItem.values}


class CloseActionForm(forms.Form):
    closed_on = forms.DateField(label=_("Closed on"), required=False)
    note = forms.CharField(label=_("Closure note"), max_length=300, required=False)


class DrillFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds"))] + DrillKind.choices)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class ActionFilterForm(forms.Form):
    open_only = forms.BooleanField(label=_("Open only"), required=False, initial=True)
    overdue_only = forms.BooleanField(label=_("Overdue only"), required=False)


class ResourceRowForm(forms.Form):
    """One required resource picked from lists (应急资源一览表): what it is matched by is a team kind and
    capability, an expert's specialty or a catalogue item; left empty, the row is free text (未匹配)."""

    level = forms.ChoiceField(label=_("Response level"), choices=ResponseLevel.choices)
    kind = forms.ChoiceField(label=_("Resource kind"), choices=ResourceKind.choices)
    name = forms.CharField(label=_("Item"), max_length=100)
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0, max_digits=12, decimal_places=2)
    unit_of_measure = forms.CharField(label=_("Unit of measure"), max_length=20)
    team_kind = forms.ChoiceField(label=_("Team kind"), choices=[("", "—")] + TeamKind.choices, required=False)
    capability = forms.ChoiceField(label=_("Capability or specialty"), choices=[("", "—")] + EVENT_TYPE_CHOICES,
                                   required=False)
    item = forms.ModelChoiceField(label=_("Catalogue item"), required=False, queryset=Item.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = Item.objects.filter(active=True).order_by("code")

    def row(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "DELETE"}


ResourceFormSet = forms.formset_factory(ResourceRowForm, extra=3, can_delete=True)


def resource_rows(formset) -> list[dict]:
    """The filled, not deleted rows of a valid formset."""
    return [f.row() for f in formset.forms if f.has_changed() and not f.cleaned_data.get("DELETE")]


def resource_initial(plan) -> list[dict]:
    return [{"level": r.level, "kind": r.kind, "name": r.name, "quantity": r.quantity.normalize(),
             "unit_of_measure": r.unit_of_measure, "team_kind": r.team_kind, "capability": r.capability,
             "item": r.item_id} for r in plan.resources.all()]
