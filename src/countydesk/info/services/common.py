"""What the chapter's services share: the acting unit, unit scoping, uploads."""

from pathlib import PurePath

from django.utils.translation import gettext as _

from countydesk.accounts.scoping import can_reach_unit, is_county_wide
from countydesk.base.errors import Forbidden, NotFound, TooLarge, ValidationFailed

from ..rules import upload_limits


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
