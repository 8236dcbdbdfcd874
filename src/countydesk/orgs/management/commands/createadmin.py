import getpass
import os

from django.core.management.base import BaseCommand, CommandError

from countydesk.accounts.choices import Role
from countydesk.accounts.services import do_create_user
from countydesk.accounts.system import SYSTEM
from countydesk.base.errors import ServiceError
from countydesk.orgs.models import Unit


class Command(BaseCommand):
    help = "Create an administrator account (password from --password, $COUNTYDESK_ADMIN_PASSWORD or a prompt)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--password")

    def handle(self, *args, username, password=None, **options):
        password = password or os.environ.get("COUNTYDESK_ADMIN_PASSWORD") or getpass.getpass("Password: ")
        root = Unit.objects.filter(parent__isnull=True).first()
        try:
            user = do_create_user(SYSTEM, username, password, unit=root, roles=[Role.ADMIN],
                                  is_superuser=True, must_change=False)
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"created administrator {user.username}")
