"""Every change to units, people and posts (单位、人员、岗位) goes through these functions."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import has_perm, require
from countydesk.audit.services import changed_fields, record, snapshot
from countydesk.base.errors import Forbidden, ValidationFailed
from countydesk.base.services import apply_changes, validated_save


from .choices import PostKind
from .dictionary import add_unit_names
from .models import Person, Post, Unit

UNIT_FIELDS = {"name", "short_name", "kind", "code", "parent", "key_liaison", "duty_phone", "address", "lat", "lon",
               "active", "sort"}
UNIT_CONTACT_FIELDS = {"duty_phone", "address", "lat", "lon"}
PERSON_FIELDS = {"name", "phone", "email", "unit", "position", "active"}


def has_unit_authority(actor, unit: Unit, own_unit_perm: str) -> bool:
    """Admins act anywhere; holders of `own_unit_perm` only inside their own unit."""
    if has_perm(actor, "orgs.manage"):
        return True
    return bool(has_perm(actor, own_unit_perm) and actor.unit_id and unit.is_within(actor.unit))


def _require_unit_authority(actor, unit: Unit, own_unit_perm: str):
    if not has_unit_authority(actor, unit, own_unit_perm):
        raise Forbidden(_("You may only change your own unit's records."))


def _set_path(unit: Unit):
    parent_path = unit.parent.path if unit.parent_id else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.depth = parent_path.count("/") - 1
    Unit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)


def _move_subtree(unit: Unit, old_path: str):
    for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).order_by("depth"):
        child.parent = Unit.objects.get(pk=child.parent_id)
        _set_path(child)


@transaction.atomic
def do_create_unit(actor, **fields) -> Unit:
    require(actor, "orgs.manage")
    unit = Unit()
    apply_changes(unit, fields, UNIT_FIELDS)
    validated_save(unit, exclude=["path"])
    _set_path(unit)
    record(actor, "unit.create", unit, after=snapshot(unit))
    add_unit_names([unit])
    return unit


@transaction.atomic
def do_update_unit(actor, unit: Unit, **changes) -> Unit:
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if has_perm(actor, "orgs.manage"):
        allowed = UNIT_FIELDS
    else:
        _require_unit_authority(actor, unit, "orgs.edit_own_unit_contacts")
        allowed = UNIT_CONTACT_FIELDS
    before, old_path = snapshot(unit), unit.path
    apply_changes(unit, changes, allowed)
    validated_save(unit)
    if "parent" in changes:
        _set_path(unit)
        _move_subtree(unit, old_path)
    old, new = changed_fields(before, snapshot(unit))
    if new:
        record(actor, "unit.update", unit, before=old, after=new)
        add_unit_names([unit])
    return unit


@transaction.atomic
def do_create_person(actor, **fields) -> Person:
    person = Person()
    apply_changes(person, fields, PERSON_FIELDS)
    if person.unit_id:
        _require_unit_authority(actor, person.unit, "orgs.manage_own_people")
    validated_save(person)
    record(actor, "person.create", person, after=snapshot(person), unit=person.unit)
    return person


@transaction.atomic
def do_update_person(actor, person: Person, **changes) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    _require_unit_authority(actor, person.unit, "orgs.manage_own_people")
    before = snapshot(person)
    apply_changes(person, changes, PERSON_FIELDS)
    if "unit" in changes:
        _require_unit_authority(actor, person.unit, "orgs.manage_own_people")
    validated_save(person)
    old, new = changed_fields(before, snapshot(person))
    if new:
        record(actor, "person.update", person, before=old, after=new, unit=person.unit)
    return person


@transaction.atomic
def do_assign_post(actor, person: Person, kind: str, start: date | None = None, unit: Unit | None = None,
                   note: str = "") -> Post:
    """Put `person` in a post (e.g. information officer) from `start`; earlier posts stay on record."""
    unit = unit or person.unit
    _require_unit_authority(actor, unit, "orgs.manage_own_people")
    if kind not in PostKind.values:
        raise ValidationFailed(_("Unknown post."), fields={"kind": [_("Unknown post.")]})
    post = validated_save(Post(person=person, unit=unit, kind=kind, start=start or timezone.localdate(), note=note))
    record(actor, "post.assign", post, after=snapshot(post), unit=unit)
    return post


@transaction.atomic
def do_end_post(actor, post: Post, end: date | None = None) -> Post:
    post = Post.objects.select_for_update().get(pk=post.pk)
    _require_unit_authority(actor, post.unit, "orgs.manage_own_people")
    if post.end is not None:
        raise ValidationFailed(_("This post has already ended."), fields={"end": [_("Already ended.")]})
    post.end = end or timezone.localdate()
    validated_save(post)
    record(actor, "post.end", post, before={"end": None}, after={"end": post.end}, unit=post.unit)
    return post
