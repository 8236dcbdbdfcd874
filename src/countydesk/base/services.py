"""Small helpers every app's services share."""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext as _

from countydesk.base.errors import ValidationFailed


def validated_save(obj, exclude=None):
    """Run the model's own validation, then save; a bad value becomes ValidationFailed."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise ValidationFailed.from_django(exc) from exc
    obj.save()
    return obj


def apply_changes(obj, changes: dict, allowed: set[str]):
    """Set the fields in `changes` on `obj`, refusing any field outside `allowed`."""
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationFailed(
            _("This field cannot be changed here.") + " " + ", ".join(sorted(unknown)),
            fields={name: [_("This field cannot be changed here.")] for name in unknown},
        )
    nulls = [name for name, value in changes.items() if value is None and not _nullable(obj, name)]
    if nulls:
        raise ValidationFailed(_("These fields cannot be empty (null).") + " "
                               + "、".join(sorted(_field_label(obj, name) for name in nulls)),
                               fields={name: [_("This field cannot be null.")] for name in nulls})
    for name, value in changes.items():
        setattr(obj, name, value)


def _nullable(obj, name: str) -> bool:
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        return True
    return field.null or field.many_to_many


def _field_label(obj, name: str) -> str:
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name
