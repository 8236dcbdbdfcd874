"""Records (台账记录): who may manage a record, audited create/update, number rule tables, GeoJSON layers.

The pages that show and edit records are in `core.ui.pages`; geo/ holds the pure geometry."""

from dataclasses import dataclass
from typing import Any, Callable

from django.db import models, transaction
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import has_perm
from countydesk.audit.services import changed_fields, record, snapshot
from countydesk.base.errors import Forbidden
from countydesk.base.services import apply_changes, validated_save
from countydesk.base.rules import NumberRule, rule_value, seed_rules  # noqa: F401  (the rule-table kit, re-exported)
from countydesk.geo import feature, feature_collection


def can_manage(user, unit, app: str) -> bool:
    """`<app>.manage` acts anywhere; `<app>.manage_own` inside the user's own unit."""
    if has_perm(user, f"{app}.manage"):
        return True
    return bool(has_perm(user, f"{app}.manage_own") and unit is not None and user.unit_id
                and unit.is_within(user.unit))


def require_manage(user, unit, app: str):
    if not can_manage(user, unit, app):
        raise Forbidden(_("You may only change your own unit's records."))


@dataclass(frozen=True)
class Kind:
    """How one kind of record is created and changed: its app, audit name, editable fields, owner unit."""

    app: str
    action: str
    fields: frozenset
    unit_of: Callable[[Any], Any]
    after_save: Callable[[Any], None] = lambda obj: None


@transaction.atomic
def create(actor, kind: Kind, model, fields: dict):
    obj = model()
    apply_changes(obj, fields, kind.fields)
    require_manage(actor, _unit(kind, obj), kind.app)
    validated_save(obj)
    record(actor, f"{kind.action}.create", obj, after=snapshot(obj), unit=_unit(kind, obj))
    kind.after_save(obj)
    return obj


@transaction.atomic
def update(actor, kind: Kind, obj, changes: dict):
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    require_manage(actor, _unit(kind, obj), kind.app)
    before = snapshot(obj)
    apply_changes(obj, changes, kind.fields)
    require_manage(actor, _unit(kind, obj), kind.app)  # moving to another unit needs authority there too
    validated_save(obj)
    old, new = changed_fields(before, snapshot(obj))
    if new:
        record(actor, f"{kind.action}.update", obj, before=old, after=new, unit=_unit(kind, obj))
        kind.after_save(obj)
    return obj


def jsonable(values: dict) -> dict:
    """Dates as ISO text, for audit rows written by hand."""
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in values.items()}


def _unit(kind: Kind, obj):
    try:
        return kind.unit_of(obj)
    except models.ObjectDoesNotExist:
        return None


def geojson_layer(rows, properties: Callable[[Any], dict]) -> dict:
    """A FeatureCollection of the rows that have a location."""
    return feature_collection(
        feature(r.lat, r.lon, properties(r), r.pk) for r in rows if r.lat is not None and r.lon is not None
    )
