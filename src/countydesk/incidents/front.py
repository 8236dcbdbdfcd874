"""The signed-intake route served straight from WSGI (POST /api/intake/{channel}), in front of Django.

External systems post machine-to-machine: no session, cookie, CSRF, page language or login lockout applies,
so the page middleware is skipped. What still applies is kept here: the allowed hosts, the database
connection's lifetime, the security headers and the API's error shape. Measured (bench/bench_intake.py):
the middleware and URL routing alone cost more than storing the intake.
"""

import logging
from http import HTTPStatus

import orjson
from django.conf import settings
from django.core import signals
from django.http.request import split_domain_port, validate_host
from django.utils import translation
from django.utils.translation import gettext as _

from countydesk.base.api import error_body
from countydesk.base.errors import ServiceError

from . import inbox

log = logging.getLogger(__name__)
PREFIX = "/api/intake/"
HEADERS = [("Content-Type", "application/json"), ("X-Content-Type-Options", "nosniff"),
           ("Cache-Control", "no-store"), ("Referrer-Policy", "same-origin")]


def with_intake_front(django_application):
    """The WSGI application: signed intakes answered here, everything else by Django."""

    def application(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") == "POST" and path.startswith(PREFIX) and "/" not in path[len(PREFIX):]:
            return _intake(environ, start_response, path[len(PREFIX):])
        return django_application(environ, start_response)

    return application


def _intake(environ, start_response, channel: str):
    # Django's request signals: connections past their age are closed, as for any other request.
    signals.request_started.send(sender=__name__, environ=environ)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            status, body = _answer(environ, channel)
    finally:
        signals.request_finished.send(sender=__name__)
    start_response(f"{status} {HTTPStatus(status).phrase}", HEADERS)
    return [orjson.dumps(body)]


def _answer(environ, channel: str) -> tuple[int, dict]:
    domain, _port = split_domain_port(environ.get("HTTP_HOST", ""))
    if not validate_host(domain, settings.ALLOWED_HOSTS):
        return 400, error_body("bad_host", _("This host name is not served here."))
    stream = environ["wsgi.input"]
    try:
        length = int(environ.get("CONTENT_LENGTH") or inbox.MAX_BYTES + 1)
        return inbox.receive(channel, environ, lambda: stream.read(length))
    except ServiceError as exc:
        return exc.status, error_body(exc.code, exc.message, exc.fields)
    except Exception:
        log.exception("signed intake failed")
        return 500, error_body("server_error", _("The intake could not be stored; send it again."))
