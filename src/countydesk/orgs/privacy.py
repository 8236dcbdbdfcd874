"""Personal data (个人信息保护法): whose contact details a viewer reads in full, and the masked form.

The emergency roles (accounts.choices.CONTACT_ROLES) and superusers (who read the raw tables in the
administration pages anyway) read every contact; every other user reads those of people in their own
unit and its sub-units, and sees the others' phones masked (138****1234). Pages, the API, Excel exports
and search results all ask here.
"""

from countydesk.accounts.choices import CONTACT_ROLES
from countydesk.base.api import MappedRows

from .models import Unit

MASK = "****"


def mask_phone(phone: str) -> str:
    """The first three and last four characters of a number with the middle hidden; a short number all hidden."""
    if not phone:
        return ""
    if len(phone) < 8:
        return "*" * len(phone)
    return phone[:3] + MASK + phone[-4:]


def is_masked(value) -> bool:
    """A cell holding a masked number (an export read back in): no valid number contains "*"."""
    return isinstance(value, str) and "*" in value


class ContactView:
    """What one viewer may read of contact details: all, or those whose unit lies in the viewer's subtree."""

    def __init__(self, user):
        self.sees_all = bool(getattr(user, "is_superuser", False) or user.has_role(*CONTACT_ROLES))
        self.unit_ids: frozenset[int] = frozenset()
        if not self.sees_all and getattr(user, "unit_id", None):
            self.unit_ids = frozenset(Unit.objects.filter(path__startswith=user.unit.path).values_list("pk", flat=True))

    @classmethod
    def of(cls, user) -> "ContactView":
        """The viewer's view, built once per user object (one query at most)."""
        view = getattr(user, "_contact_view", None)
        if view is None:
            view = user._contact_view = cls(user)
        return view

    def sees(self, unit_id) -> bool:
        return self.sees_all or unit_id in self.unit_ids

    def phone(self, unit_id, phone: str) -> str:
        return phone if self.sees(unit_id) else mask_phone(phone)

    def row(self, unit_id, row: dict, fields=("phone",)) -> dict:
        """An API row (a dict) with its contact `fields` masked unless the viewer sees `unit_id`'s contacts."""
        if self.sees(unit_id):
            return row
        return row | {name: mask_phone(row[name]) for name in fields}


def phone_for(user, unit_id, phone: str) -> str:
    return ContactView.of(user).phone(unit_id, phone)


def contact_rows(user, rows, fields=("phone",)) -> MappedRows:
    """API rows (dicts with `unit_id`) with contact `fields` masked where `user` may not read them."""
    view = ContactView.of(user)
    return MappedRows(rows, lambda row: view.row(row["unit_id"], row, fields))
