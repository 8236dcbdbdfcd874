from .context import client_ip


def _request_ip(request) -> str | None:
    # Behind the reverse proxy of a production set-up, the proxy's X-Forwarded-For is trusted
    # only when TRUST_X_FORWARDED_FOR is set; otherwise the socket address is used.
    from django.conf import settings

    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = client_ip.set(_request_ip(request))
        try:
            return self.get_response(request)
        finally:
            client_ip.reset(token)
