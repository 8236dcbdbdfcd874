import time

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from countydesk.base.api import error_body

TOUCHED = "_touched"
PASSWORD_DUE = "_password_due"


class IdleTimeoutMiddleware:
    """Sign-out after SESSION_COOKIE_AGE seconds without a request (会话空闲超时).

    The session is re-saved (pushing its expiry forward) at most once per SESSION_TOUCH_SECONDS,
    not on every request, so reading pages does not cost a database write each time.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.touch_every = getattr(settings, "SESSION_TOUCH_SECONDS", 60)

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get("_auth_user_id"):
            now = int(time.time())
            if now - session.get(TOUCHED, 0) >= self.touch_every:
                session[TOUCHED] = now
        return self.get_response(request)


class PasswordChangeMiddleware:
    """A signed-in user whose password must change (an account someone else set up, or an expired
    password: accounts.services.password_change_due, judged at sign-in into the session, so pages cost
    no query) reaches nothing but the change page and sign-out. Pages redirect there; the API (with the
    session) answers 403 `password_change_required`."""

    OPEN = ("/accounts/password/", "/logout/", "/static/", "/i18n/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(PASSWORD_DUE) and not request.path.startswith(self.OPEN):
            return self._refuse(request)
        return self.get_response(request)

    @staticmethod
    def _refuse(request):
        if request.path.startswith("/api/"):
            return JsonResponse(error_body("password_change_required", _("Change your password first.")), status=403)
        return redirect(f"{reverse('accounts:password')}?{urlencode({'next': request.get_full_path()})}")
