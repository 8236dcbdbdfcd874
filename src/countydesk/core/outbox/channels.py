"""Channel adapters: how a message leaves the platform (e-mail now; SMS and peer links plug in the same way).

An adapter says whether a real transport is configured (`ready`), whether the worker delivers it
(`automatic`; a fax is sent by hand and recorded), and sends one message (`send`, raising on refusal).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

# Mail backends that accept a message without it leaving the machine: a message "sent" through them is not sent.
NOT_REAL_EMAIL_BACKENDS = frozenset({
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
})


class ChannelAdapter:
    name = ""
    label = ""
    automatic = True
    not_ready_reason = _("No transport configured.")

    def ready(self) -> bool:
        """True when a real transport is configured, so an accepted message has really left."""
        return True

    def send(self, message) -> None:
        """Hand `message` (an OutboxMessage) to the transport; raise on any refusal."""
        raise NotImplementedError


class EmailChannel(ChannelAdapter):
    """E-mail through Django's configured mail backend (SMTP in production)."""

    name = "email"
    label = _("E-mail")
    not_ready_reason = _("No mail server configured.")

    def ready(self) -> bool:
        backend = import_string(settings.EMAIL_BACKEND)
        path = f"{backend.__module__}.{backend.__qualname__}"
        unreal = NOT_REAL_EMAIL_BACKENDS | set(getattr(settings, "OUTBOX_NOT_REAL_EMAIL_BACKENDS", ()))
        return path not in unreal and not getattr(backend, "not_a_real_transport", False)

    def send(self, message) -> None:
        email = EmailMessage(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.recipient],
                             headers={"Message-ID": message.message_id, "X-CountyDesk-Message-Id": str(message.uuid)})
        for attachment in message.attachments.all():
            email.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
        email.send()


class FaxChannel(ChannelAdapter):
    """A fax is sent by hand; the clerk records the outcome (the worker never sends it)."""

    name = "fax"
    label = _("Fax")
    automatic = False


CHANNELS: dict[str, ChannelAdapter] = {}


def register_channel(adapter: ChannelAdapter):
    CHANNELS[adapter.name] = adapter


def channel(name: str) -> ChannelAdapter:
    return CHANNELS[name]


def automatic_channels(ready: bool | None = None) -> list[str]:
    """Names of the channels the worker delivers; with `ready`, only those whose transport is (not) real."""
    return [a.name for a in CHANNELS.values() if a.automatic and (ready is None or a.ready() == ready)]


register_channel(EmailChannel())
register_channel(FaxChannel())
