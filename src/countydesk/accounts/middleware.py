import time

from django.conf import settings

TOUCHED = "_touched"


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
