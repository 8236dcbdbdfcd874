from django.shortcuts import render

from countydesk.core.errors import ServiceError


class ServiceErrorMiddleware:
    """A service error raised in a page (not the API, which answers JSON) becomes a readable error page
    with its status: 404 for a record outside the reader's scope, 403, 409, 422."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ServiceError) and not request.path.startswith("/api/"):
            return render(request, "web/error.html", {"message": exception.message}, status=exception.status)
        return None
