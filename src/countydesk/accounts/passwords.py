"""Password validators (GB/T 22239-2019 level 3, 身份鉴别): complexity and the ban on recent passwords.

Listed in settings.AUTH_PASSWORD_VALIDATORS, so every way a password is set (createadmin, the admin's
forms, the change-password page, the services) applies them; the minimum length is Django's own validator.
"""

import string

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CLASSES = [str.isupper, str.islower, str.isdigit, lambda c: c in string.punctuation or c == " "]


def character_classes(password: str) -> int:
    """How many of upper case, lower case, digits and symbols the password uses."""
    return sum(any(test(c) for c in password) for test in CLASSES)


class ComplexityValidator:
    """At least `classes` of the four character classes, and not the user name (in any case) inside it."""

    def __init__(self, classes: int = 3):
        self.classes = classes

    def validate(self, password, user=None):
        errors = []
        if character_classes(password) < self.classes:
            errors.append(ValidationError(self.get_help_text(), code="password_too_simple"))
        username = getattr(user, "username", "") or ""
        if len(username) >= 3 and username.lower() in password.lower():
            errors.append(ValidationError(_("The password must not contain the user name."),
                                          code="password_contains_username"))
        if errors:
            raise ValidationError(errors)

    def get_help_text(self):
        return _("Use at least %(classes)d of: upper-case letters, lower-case letters, digits, symbols.") % {
            "classes": self.classes}


class HistoryValidator:
    """None of the user's latest passwords (the accounts rule `password_history`, the current one included)."""

    def validate(self, password, user=None):
        if user is None or not getattr(user, "pk", None):
            return
        from .rules import history_depth

        depth = history_depth()
        if depth <= 0:
            return
        earlier = [user.password] + list(user.password_history.values_list("password", flat=True)[: depth - 1])
        if any(stored and check_password(password, stored) for stored in earlier):
            raise ValidationError(_("Choose a password you have not used recently (the last %(n)d may not be reused).")
                                  % {"n": depth}, code="password_reused")

    def get_help_text(self):
        return _("Not one of your recent passwords.")
