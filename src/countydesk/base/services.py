"""Small helpers every app's services share."""

from django.core.exceptions import ValidationError
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
    for name, value in changes.items():
        setattr(obj, name, value)
