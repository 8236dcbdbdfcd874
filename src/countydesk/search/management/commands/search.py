import json
import sys

from django.core.management.base import BaseCommand

from countydesk.search.services import reindex_all


class Command(BaseCommand):
    help = "Full-text index: `search reindex` rebuilds it from every registered kind of record."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["reindex"])

    def handle(self, *args, **options):
        counts = reindex_all(progress=lambda kind: print(f"  · {kind}", file=sys.stderr, flush=True))
        self.stdout.write(json.dumps(counts))
