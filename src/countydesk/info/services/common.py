"""What the chapter's services share: the transition check, the acting unit, uploads."""

from pathlib import PurePath

from django.utils.translation import gettext as _

from countydesk.accounts.scoping import can_reach_unit, is_county_wide
from countydesk.audit.services import record
from countydesk.base.errors import Forbidden, NotFound, TooLarge, TransitionNotAllowed, ValidationFailed

from ..rules import upload_limits


def transition(obj, to: str, actor, table: dict, action: str, **after):
    """Move `obj` to `to` if `table` allows it, set `after` fields, save and audit."""
    current = obj.status
    if to not in table[current]:
        raise TransitionNotAllowed(current, to, table[current])
    obj.status = to
    for name, value in after.items():
        setattr(obj, name, value)
    obj.save()
    record(actor, action, obj, before={"status": current}, after={"status": to, **after}, unit=obj.unit)
    return obj


def acting_unit(actor, unit):
    """The unit an actor writes for: their own unless given one they may reach."""
    unit = unit or actor.unit
    if unit is None:
        raise ValidationFailed(_("Choose a unit."), fields={"unit_id": [_("Choose a unit.")]})
    if not can_reach_unit(actor, unit):
        raise Forbidden(_("You may only write for your own unit."))
    return unit


def require_own_unit(actor, obj):
    """Unit roles act only on their own unit's objects (404 outside, as if the object did not exist)."""
    if not is_county_wide(actor) and not can_reach_unit(actor, obj.unit):
        raise NotFound(_("No such record."))


def check_upload(upload, field: str = "file"):
    """Refuse a file whose type or size the rule tables do not allow."""
    allowed, limit = upload_limits()
    ending = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if ending not in allowed:
        message = _("Files of type “%(type)s” are not accepted; allowed: %(allowed)s") % {
            "type": ending or "?", "allowed": "、".join(sorted(allowed))}
        raise ValidationFailed(message, fields={field: [message]})
    if upload.size > limit:
        message = _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}
        raise TooLarge(message, fields={field: [message]})
    if upload.size == 0:
        raise ValidationFailed(_("The file is empty."), fields={field: [_("The file is empty.")]})
