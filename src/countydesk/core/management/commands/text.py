import json
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from countydesk.core.text_api import text_report
from countydesk.textkit import FreshnessRule, summarize


class Command(BaseCommand):
    help = ("Chinese text checks. `text check --as-of YYYY-MM-DD [FILE|-]` prints freshness, completeness and a "
            "summary as JSON; `text summarize --chars N [FILE|-]` prints a condensed text.")

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Options may stand before FILE (`text check --as-of D FILE`): plain parse_args would
        # bind the optional FILE too early and then refuse it.
        parser.parse_args = parser.parse_intermixed_args
        return parser

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check", "summarize"])
        parser.add_argument("file", nargs="?", default="-")
        parser.add_argument("--as-of", help="the submission date (default: today)")
        parser.add_argument("--chars", type=int, default=200, help="summary length in characters")
        parser.add_argument("--max-lag-months", type=int, default=FreshnessRule().max_lag_months)

    def handle(self, *args, action, file, as_of, chars, max_lag_months, **options):
        text = sys.stdin.read() if file == "-" else self._read(file)
        if not text.strip():
            raise CommandError("the text is empty")
        if chars < 10:
            raise CommandError("--chars must be at least 10")
        if action == "summarize":
            self.stdout.write(summarize(text, chars))
            return
        report = text_report(text, self._date(as_of), max_lag_months, chars)
        self.stdout.write(json.dumps(report, ensure_ascii=False))

    @staticmethod
    def _read(path):
        try:
            with open(path, encoding="utf-8") as fh:
                return fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc

    @staticmethod
    def _date(value):
        if not value:
            from django.utils import timezone

            return timezone.localdate()
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise CommandError(f"--as-of must be YYYY-MM-DD, not {value!r}") from exc
