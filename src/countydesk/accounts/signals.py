from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from countydesk.audit.services import record


@receiver(user_logged_in)
def _audit_login(sender, request, user, **kwargs):
    record(user, "user.login", user)
    if request is not None and hasattr(request, "session"):
        from .middleware import PASSWORD_DUE
        from .services import password_change_due

        request.session[PASSWORD_DUE] = password_change_due(user)


@receiver(user_logged_out)
def _audit_logout(sender, request, user, **kwargs):
    if user is not None:
        record(user, "user.logout", user)
