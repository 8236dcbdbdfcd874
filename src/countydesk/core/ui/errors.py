"""Error pages: a service error raised in a page becomes a readable page with its status; 404 and 403."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

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
