import json

from django.core.management.base import BaseCommand, CommandError

from countydesk.audit.services import verify


class Command(BaseCommand):
    help = "Audit trail tools. `audit verify` checks the hash chain and names the first broken row."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        result = verify()
        self.stdout.write(json.dumps(result.__dict__, ensure_ascii=False))
        if not result.ok:
            raise CommandError(f"audit chain broken at row {result.broken_seq}: {result.reason}")
