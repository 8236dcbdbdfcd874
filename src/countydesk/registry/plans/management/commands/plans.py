"""`countydesk plans coverage --format json|xlsx [-o FILE]`: the coverage matrix of the coverage page."""

import json

from django.core.management.base import BaseCommand, CommandError

from countydesk.registry.plans import analysis, exports


class Command(BaseCommand):
    help = ("Plan tools. `plans coverage --format json` prints the coverage matrix (event types × units, gaps "
            "marked) as JSON; `--format xlsx -o FILE` writes it as Excel.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["coverage"])
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("-o", "--output", help="the file to write (required for xlsx; JSON goes to stdout)")

    def handle(self, *args, format, output, **options):
        matrix = analysis.coverage()
        if format == "xlsx":
            if not output:
                raise CommandError("--format xlsx needs -o FILE")
            with open(output, "wb") as handle:
                handle.write(exports.coverage_xlsx_bytes(matrix))
            self.stdout.write(json.dumps({"file": output, "gaps": matrix.gaps}))
            return
        text = json.dumps(exports.coverage_data(matrix), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text)
