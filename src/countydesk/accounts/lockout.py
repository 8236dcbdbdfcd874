"""Sign-in lockout (登录失败处理): django-axes counts failures per user name *and* source address, and this
handler adds a cap per address over every user name, so a stranger cannot lock the duty officer out from
elsewhere while one address spraying a password across many accounts is stopped."""

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def address_failures(ip_address) -> int:
    """Failed sign-ins from one address, over all user names, within the cool-off window."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    found = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since)
    return found.aggregate(n=Sum("failures_since_start"))["n"] or 0


class LockoutHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            return True
        address = getattr(request, "axes_ip_address", None)
        return bool(address) and address_failures(address) >= settings.AXES_ADDRESS_FAILURE_LIMIT
