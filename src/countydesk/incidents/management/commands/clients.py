import json

from django.core.management.base import BaseCommand, CommandError

from countydesk.accounts.system import SYSTEM
from countydesk.base.errors import ServiceError
from countydesk.incidents import services
from countydesk.incidents.choices import SIGNED_CHANNELS
from countydesk.incidents.models import IntakeClient


class Command(BaseCommand):
    help = ("Intake clients (external systems): `clients add NAME --channel C` prints the client id and secret once "
            "as JSON; `clients rotate ID`; `clients revoke ID`; `clients list`.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["add", "rotate", "revoke", "list"])
        parser.add_argument("arg", nargs="?")
        parser.add_argument("--channel", choices=SIGNED_CHANNELS)

    def handle(self, *_, action, arg=None, channel=None, **options):
        try:
            if action == "list":
                rows = IntakeClient.objects.values("client_id", "name", "channel", "created", "rotated", "revoked")
                self.stdout.write(json.dumps(list(rows), default=str, ensure_ascii=False))
                return
            if not arg:
                raise CommandError(f"usage: clients {action} {'NAME --channel C' if action == 'add' else 'ID'}")
            self.stdout.write(json.dumps(self._act(action, arg, channel), default=str, ensure_ascii=False))
        except ServiceError as exc:
            raise CommandError(exc.message) from exc

    def _act(self, action, arg, channel):
        if action == "add":
            if not channel:
                raise CommandError("--channel is required")
            client, secret = services.do_add_client(SYSTEM, arg, channel)
            return {"client_id": client.client_id, "secret": secret, "channel": client.channel}
        client = IntakeClient.objects.filter(client_id=arg).first()
        if client is None:
            raise CommandError(f"no client {arg}")
        if action == "rotate":
            client, secret = services.do_rotate_client(SYSTEM, client)
            return {"client_id": client.client_id, "secret": secret}
        client = services.do_revoke_client(SYSTEM, client)
        return {"client_id": client.client_id, "revoked": client.revoked}
