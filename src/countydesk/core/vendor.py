"""Third-party parts of the platform in Chinese (第三方组件的中文界面).

django-axes (登录保护: failed sign-ins and lock-outs) ships no Chinese catalogue, and Django 5.2's own
Chinese admin catalogue lacks the admin index's table headers. Their texts are marked here so that our
catalogue carries them (Django reads the project catalogue before every app's); axes' app gets a
Chinese name through its app config, which INSTALLED_APPS names, and its records Chinese names (axes
writes them as English f-strings, which the admin shows in its lists).
"""

from axes.apps import AppConfig
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop
from .ui.times import stamp


class AxesConfig(AppConfig):
    verbose_name = gettext_lazy("Sign-in protection")

    def ready(self):
        super().ready()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        AccessAttempt.__str__ = lambda row: _("sign-in attempt at %(time)s") % {"time": _when(row)}
        AccessFailureLog.__str__ = lambda row: _("failed sign-in of %(user)s at %(time)s from %(ip)s") % {
            "user": row.username or "—", "time": _when(row), "ip": row.ip_address or "—"}
        AccessLog.__str__ = lambda row: _("sign-in of %(user)s at %(time)s") % {"user": row.username or "—",
                                                                             "time": _when(row)}


def _when(row) -> str:
    return stamp(row.attempt_time) or "—"


AXES_TEXTS = (
    gettext_noop("access attempt"), gettext_noop("access attempts"),
    gettext_noop("access attempt expiration"), gettext_noop("access attempt expirations"),
    gettext_noop("access failure"), gettext_noop("access failures"),
    gettext_noop("access log"), gettext_noop("access logs"),
    gettext_noop("Access Attempt"), gettext_noop("Access lock out"), gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"), gettext_noop("Clean up expired attempts"), gettext_noop("Expires At"),
    gettext_noop("Failed Logins"), gettext_noop("Form Data"), gettext_noop("GET Data"), gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"), gettext_noop("Locked Out"), gettext_noop("Logout Time"), gettext_noop("Meta Data"),
    gettext_noop("Not set"), gettext_noop("POST Data"), gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"), gettext_noop("Username"),
)

DJANGO_ADMIN_TEXTS = (gettext_noop("Model name"), gettext_noop("Add link"), gettext_noop("Change or view list link"))
