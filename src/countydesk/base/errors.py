"""Errors that services raise; the API and the views turn each into one clear answer."""

from django.utils.translation import gettext_lazy as _


class ServiceError(Exception):
    """A request that cannot be carried out. `code` is machine-readable, `message` is for people."""

    status = 400
    code = "invalid"

    def __init__(self, message=None, *, code: str | None = None, fields: dict | None = None):
        self.message = str(message or _("The request could not be carried out."))
        if code:
            self.code = code
        self.fields = fields or {}
        super().__init__(self.message)


class ValidationFailed(ServiceError):
    status = 422
    code = "validation_error"

    @classmethod
    def from_django(cls, exc):
        """Wrap a django.core.exceptions.ValidationError, keeping its per-field messages."""
        fields = {k: [str(m) for m in v] for k, v in getattr(exc, "message_dict", {}).items()}
        message = "; ".join(m for msgs in fields.values() for m in msgs) or "; ".join(exc.messages)
        return cls(message, fields=fields)


class Unauthorized(ServiceError):
    """Not signed in, or a machine client whose credentials do not check out."""

    status = 401
    code = "unauthorized"


class TooLarge(ValidationFailed):
    """An upload or body above its limit."""

    status = 413
    code = "too_large"


class UnsupportedMediaType(ServiceError):
    """A body in a format this endpoint does not read (only JSON is)."""

    status = 415
    code = "unsupported_media_type"


class NotFound(ServiceError):
    status = 404
    code = "not_found"


class Forbidden(ServiceError):
    status = 403
    code = "forbidden"


class Conflict(ServiceError):
    status = 409
    code = "conflict"


class TransitionNotAllowed(Conflict):
    """A workflow object asked to move to a state its transition table does not allow."""

    code = "transition_not_allowed"

    def __init__(self, current, requested, allowed):
        self.allowed = sorted(allowed)
        super().__init__(
            _("Cannot go from %(current)s to %(requested)s; allowed next states: %(allowed)s")
            % {"current": current, "requested": requested, "allowed": ", ".join(self.allowed) or "—"},
            fields={"allowed": self.allowed},
        )


class Unavailable(ServiceError):
    """Something the server needs for this request is not installed (a font for PDF documents)."""

    status = 503
    code = "unavailable"
