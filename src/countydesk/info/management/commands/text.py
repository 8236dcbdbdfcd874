import json
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from countydesk.textkit import summarize

from ...text_api import text_report


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
        parser.add_argument("--max-lag-months", type=int, default=None,
                            help="freshness lag (default: the administrator's information rule)")

    def handle(self, *args, action, file, as_of, chars, max_lag_months, **options):
        text = sys.stdin.read() if file == "-" else self._read(file)
        if not text.strip():
            raise CommandError("the text is empty")
        if chars < 10:
            raise CommandError("--chars must be at least 10")
        if action == "summarize":
            self.stdout.write(summarize(text, chars))
            return
        as_of = self._date(as_of)
        try:
            report = text_report(text, as_of, max_lag_months, chars)
        except DatabaseError as exc:
            raise CommandError("the information rules are not in the database: run `countydesk migrate` first") from exc
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
