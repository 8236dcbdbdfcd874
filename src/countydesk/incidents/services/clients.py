"""Intake clients (external systems) managed by administrators: add, rotate the secret, revoke."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.accounts.scoping import require
from countydesk.audit.services import record
from countydesk.base.errors import Conflict

from .. import signing
from ..choices import SIGNED_CHANNELS
from ..models import IntakeClient
from .common import clean_save


@transaction.atomic
def do_add_client(actor, name: str, channel: str) -> tuple[IntakeClient, str]:
    """A new client; the secret is returned once and kept only encrypted."""
    require(actor, "incidents.manage_clients")
    if channel not in SIGNED_CHANNELS:
        raise Conflict(_("Unknown channel %s.") % channel)
    secret = signing.new_secret()
    client = IntakeClient(name=name, channel=channel, client_id=signing.new_client_id(),
                          secret_encrypted=signing.encrypt(secret))
    clean_save(client)
    record(actor, "intake_client.add", client, after={"name": name, "channel": channel, "client_id": client.client_id})
    return client, secret


@transaction.atomic
def do_rotate_client(actor, client: IntakeClient) -> tuple[IntakeClient, str]:
    require(actor, "incidents.manage_clients")
    if client.revoked:
        raise Conflict(_("A revoked client cannot be rotated."))
    secret = signing.new_secret()
    client.secret_encrypted, client.rotated = signing.encrypt(secret), timezone.now()
    client.save(update_fields=["secret_encrypted", "rotated"])
    record(actor, "intake_client.rotate", client, after={"rotated": client.rotated})
    return client, secret


@transaction.atomic
def do_revoke_client(actor, client: IntakeClient) -> IntakeClient:
    require(actor, "incidents.manage_clients")
    client.revoked = client.revoked or timezone.now()
    client.save(update_fields=["revoked"])
    record(actor, "intake_client.revoke", client, after={"revoked": client.revoked})
    return client
