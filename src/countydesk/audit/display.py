"""The audit trail as people read it (审计日志的可读显示): object kinds by their model's name, objects by
the name kept in the row, before/after as field names, values and choice labels, times in Asia/Shanghai.

Reads only Django's model registry (no queries): a foreign key shows as its id.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Keys services write into before/after that are not fields of the object, and fields left without a
# name of their own (Django then names them after the attribute, in English).
EXTRA_KEYS = {
    "note": gettext_lazy("note"),
    "incident": gettext_lazy("incident"),
    "drafted_by": gettext_lazy("drafted by"),
    "attempt": gettext_lazy("attempt number"),
    "text": gettext_lazy("text"),
    "count": gettext_lazy("count"),
    "error": gettext_lazy("error"),
    "reason": gettext_lazy("reason"),
    "late": gettext_lazy("late"),
    "previous": gettext_lazy("previous version"),
    "person": gettext_lazy("person"),
    "channel": gettext_lazy("channel"),
    "external_id": gettext_lazy("external id"),
    "file": gettext_lazy("file"),
    "rows": gettext_lazy("rows"),
    "created": gettext_lazy("created at"),
    "updated": gettext_lazy("updated at"),
    "item": gettext_lazy("item"),
    "title": gettext_lazy("title"),
    "source": gettext_lazy("source"),
    "origin": gettext_lazy("origin"),
    "duplicates": gettext_lazy("duplicates"),
    "depot": gettext_lazy("depot"),
    "depots": gettext_lazy("depots"),
    "batches": gettext_lazy("batches"),
    "movements": gettext_lazy("stock movements"),
    "found": gettext_lazy("found"),
    "expired": gettext_lazy("expired"),
    "new": gettext_lazy("new"),
    "plan": gettext_lazy("plan"),
    "opened_incident": gettext_lazy("opened an incident"),
    "submission_status": gettext_lazy("submission status"),
    "participants": gettext_lazy("participants"),
    "scores": gettext_lazy("scores"),
    "themes": gettext_lazy("themes"),
    "path": gettext_lazy("position in the unit tree"),
    "depth": gettext_lazy("level in the unit tree"),
    "plans": gettext_lazy("plans"),
    "actions": gettext_lazy("follow-up actions"),
    "event_types": gettext_lazy("event types"),
    "resources": gettext_lazy("resources"),
    "responses": gettext_lazy("response levels"),
    "supporting_units": gettext_lazy("supporting units"),
    "upper_plans": gettext_lazy("higher-level plans"),
    "lines": gettext_lazy("lines"),
    "roles": gettext_lazy("roles"),
    "delivered": gettext_lazy("delivered"),
    "returned": gettext_lazy("returned"),
}


# Extra keys whose values are lists of records of a model ([{field: value}, …]).
EXTRA_RECORDS = {"actions": "plans.ImprovementAction"}

# Extra keys whose values are codes: the field whose choices name them, or their own labels.
EXTRA_VALUES = {
    "submission_status": "info.Submission.status",
    "scores": "plans.DrillScore.item",  # {evaluation item: score}
    "roles": "accounts.RoleGrant.role",  # [role, …]
    "origin": {"upload": gettext_lazy("file upload"), "feed": gettext_lazy("news feed"),
               "demo": gettext_lazy("demo data")},
}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def model_of(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def actor_text(event) -> str:
    """The actor's display name (select_related("actor") keeps this query-free); the platform as 系统."""
    if event.actor is not None:
        return str(event.actor)
    return actor_name_text(event.actor_name)


def actor_name_text(name: str) -> str:
    """An actor kept by name only: the platform as 系统, an intake client (client:<id>) as 对接系统 <id>."""
    if name == "system":
        return _("the platform")
    if name.startswith("client:"):
        return _("interface %s") % name.removeprefix("client:")
    return name


def object_type_label(object_type: str) -> str:
    model = model_of(object_type)
    return str(model._meta.verbose_name) if model else object_type


def object_type_choices() -> list[tuple[str, str]]:
    """Every model of the platform's apps as (app_label.model, its name), for a filter."""
    models_ = [m for m in apps.get_models() if m.__module__.startswith("countydesk.")]
    return sorted(((m._meta.label_lower, str(m._meta.verbose_name)) for m in models_), key=lambda c: c[1])


def object_text(event) -> str:
    """E.g. 用户 城关镇信息员, or 单位 #12 for rows written before names were kept."""
    name = event.object_label or (f"#{event.object_id}" if event.object_id else "")
    return f"{object_type_label(event.object_type)} {name}".strip()


def _fields(model) -> dict:
    if model is None:
        return {}
    found = {}
    for field in model._meta.concrete_fields:
        found[field.name] = field
        found[field.attname] = field
    return found


def _label(key: str, field) -> str:
    if field is not None and field.verbose_name != field.name.replace("_", " "):
        return str(field.verbose_name)  # the field has a name of its own
    name = field.name if field is not None else key
    return str(EXTRA_KEYS.get(name, field.verbose_name if field is not None else key))


def _local_time(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_naive(moment):
        return value
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _extra_values(key: str):
    """The labels of an extra key's codes ({code: label}), or None."""
    source = EXTRA_VALUES.get(key)
    if isinstance(source, str):
        app_model, _dot, name = source.rpartition(".")
        model = model_of(app_model)
        return dict(model._meta.get_field(name).flatchoices) if model else None
    return source


def _positions(coordinates) -> int:
    if coordinates and isinstance(coordinates[0], (int, float)):
        return 1
    return sum(_positions(c) for c in coordinates)


def value_text(value, field=None, labels=None) -> str:
    """A value as people read it; `labels` ({code: label}) names codes a field's choices do not."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if labels is None and field is not None and field.choices:
        labels = dict(field.flatchoices)
    if labels and isinstance(value, dict):
        return "，".join(f"{labels.get(k, k)} {v}" for k, v in value.items())
    if labels and isinstance(value, list):
        return "、".join(str(labels.get(v, v)) for v in value)
    if labels and not isinstance(value, (dict, list)):
        return str(labels.get(value, value))
    if isinstance(field, models.ForeignKey):
        return f"#{value}"
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        return _local_time(value)
    if isinstance(value, dict) and "coordinates" in value:  # a GeoJSON geometry: its size, not its numbers
        return _("an area of %d points") % _positions(value["coordinates"])
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def records_text(rows: list, object_type: str) -> str:
    """Records kept inside another's change, each as its fields' names and values (ids left out)."""
    fields = _fields(model_of(object_type))

    def one(row: dict) -> str:
        return "，".join(f"{_label(k, fields.get(k))} {value_text(v, fields.get(k))}" for k, v in row.items()
                        if k != "id" and not isinstance(fields.get(k), models.ForeignKey))

    return "；".join(one(row) if isinstance(row, dict) else str(row) for row in rows) or "—"


def _value(key: str, value, field) -> str:
    if key in EXTRA_RECORDS and isinstance(value, list):
        return records_text(value, EXTRA_RECORDS[key])
    return value_text(value, field, _extra_values(key))


def changes(event) -> list[Change]:
    """One line per key of before/after, in the order the service wrote them."""
    before, after = event.before or {}, event.after or {}
    fields = _fields(model_of(event.object_type))
    keys = list(dict.fromkeys([*after, *before]))
    return [
        Change(_label(k, fields.get(k)), _value(k, before[k], fields.get(k)) if k in before else "",
               _value(k, after[k], fields.get(k)) if k in after else "")
        for k in keys
    ]


def changes_text(event, limit: int = 8) -> str:
    """For a table cell or a spreadsheet: 状态：草稿 → 已报送；备注：…"""
    lines = []
    for change in changes(event)[:limit]:
        if change.before and change.after:
            lines.append(f"{change.label}：{change.before} → {change.after}")
        else:
            lines.append(f"{change.label}：{change.after or change.before}")
    return "；".join(lines)
