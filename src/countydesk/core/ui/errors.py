"""Error pages: a service error raised in a page becomes a readable page with its status; 404, 403, 400 and 413."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from countydesk.base.api import error_body
from countydesk.base.errors import ServiceError


class ServiceErrorMiddleware:
    """A service error raised in a page (not the API, which answers JSON) becomes a readable error page
    with its status: 404 for a record outside the reader's scope, 403, 409, 422."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ServiceError) and not request.path.startswith("/api/"):
            return render(request, "core/error.html", {"message": exception.message}, status=exception.status)
        return None


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "not_found", "message": _("No such page."), "fields": {}}, status=404)
    return render(request, "core/error.html", {"message": _("No such page.")}, status=404)


def forbidden(request, exception=None):
    return render(request, "core/error.html", {"message": _("Your role does not allow this.")}, status=403)


def bad_request(request, exception=None):
    """Django's 400, raised before any view runs, also for a body above DATA_UPLOAD_MAX_MEMORY_SIZE (read by the
    CSRF check of every form): that one is 413, as the README promises, for every form and the API alike."""
    too_large = isinstance(exception, RequestDataTooBig)
    status = 413 if too_large else 400
    if request.path.startswith("/api/"):
        body = (error_body("too_large", _("The request body is too large.")) if too_large
                else error_body("bad_request", _("The request could not be understood.")))
        return JsonResponse(body, status=status)
    if too_large:
        message = _("The form you sent is larger than the %(mb)d MB the platform accepts, so nothing was saved. "
                    "Go back: your text is still in the form; shorten it, or send long material as an "
                    "attachment.") % {"mb": max(1, settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024))}
    else:
        message = _("The request could not be understood.")
    return render(request, "core/error.html", {"message": message, "back": True}, status=status)
