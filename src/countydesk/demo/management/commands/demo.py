import json
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from countydesk.demo.generator import DEMO_ACCOUNTS, DEMO_PASSWORD, Progress, build_demo
from countydesk.orgs.models import Unit


class Command(BaseCommand):
    help = "Fill an empty database with the deterministic demo county (演示县)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the database already has units")
        parser.add_argument("--extra-people", type=int, default=0, help="add this many village cadres in bulk")
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, seed, if_empty, quiet, extra_people, **options):
        if Unit.objects.exists():
            if if_empty:
                return
            raise CommandError("the database already holds units; the demo goes into an empty database only")
        started = time.monotonic()
        if not quiet:
            self.stderr.write(f"building the demo county (seed {seed}) …")
        summary = build_demo(seed, progress=Progress(sys.stderr, quiet=quiet), extra_people=extra_people)
        summary["seconds"] = round(time.monotonic() - started, 2)
        self.stdout.write(json.dumps(summary))
        if not quiet:
            self.stdout.write(f"demo accounts (password {DEMO_PASSWORD}):")
            for username, role, unit, display in DEMO_ACCOUNTS:
                self.stdout.write(f"  {username:<15} {role.label} · {unit or '县政府办公室'}")
