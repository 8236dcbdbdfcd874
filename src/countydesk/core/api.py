"""The one NinjaAPI of the instance: who is calling (token or session) and how each error is answered."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from ninja.security import HttpBearer, SessionAuth

from countydesk.accounts.services import user_for_token
from countydesk.base.api import ORJSONRenderer, error_body, json_body, validation_fields
from countydesk.base.errors import ServiceError


class TokenAuth(HttpBearer):
    """`Authorization: Bearer cd_…` for API clients (接口客户端)."""

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class ActiveSessionAuth(SessionAuth):
    """Browser session with CSRF, for pages that call the API."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


class JSONParser(Parser):
    """JSON bodies only, sent as JSON (415 otherwise), with no NUL characters (422)."""

    def parse_body(self, request):
        return json_body(request.body, request.META.get("CONTENT_TYPE", ""))


api = NinjaAPI(
    parser=JSONParser(),
    renderer=ORJSONRenderer(),
    title="CountyDesk API",
    version="1",
    description="政务信息报送与应急管理平台接口 / Government information reporting and emergency management",
    auth=[TokenAuth(), ActiveSessionAuth()],
    urls_namespace="api",
)


@api.exception_handler(ServiceError)
def _service_error(request, exc: ServiceError):
    return api.create_response(request, error_body(exc.code, exc.message, exc.fields), status=exc.status)


@api.exception_handler(NinjaValidationError)
def _validation_error(request, exc):
    return api.create_response(
        request,
        error_body("validation_error", _("Some fields are invalid."), validation_fields(exc.errors)),
        status=422,
    )


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return api.create_response(request, error_body("unauthorized", _("Sign in or send a valid API token.")), status=401)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if isinstance(exc.__cause__, ServiceError):  # ninja wraps what the body parser raises in a 400
        return _service_error(request, exc.__cause__)
    return api.create_response(request, error_body("http_error", str(exc)), status=exc.status_code)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, error_body("not_found", _("No such record.")), status=404)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, error_body("forbidden", _("Your role does not allow this.")), status=403)


@api.exception_handler(OverflowError)
def _out_of_range(request, exc):
    """A number no database column holds (a 20-digit id, say)."""
    return api.create_response(request, error_body("validation_error", _("A number is out of range.")), status=422)


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    return api.create_response(request, error_body("too_large", _("The request body is too large.")), status=413)


