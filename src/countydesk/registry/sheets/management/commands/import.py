"""`countydesk import DATABASE FILE.xlsx [--dry-run] [--partial]`: a JSON report of every row.

(The module is named `import`, a keyword: Django loads commands with importlib, which takes it.)
"""

import json
import time

from django.core.management.base import BaseCommand, CommandError

from countydesk.accounts.system import SYSTEM
from countydesk.base.errors import ServiceError
from countydesk.registry.sheets.kit import DATABASES, get_database, run_import
from countydesk.registry.sheets.rules import cli_max_rows


class Command(BaseCommand):
    help = ("Import an Excel file into a registry database as the platform (SYSTEM). A row whose ID (编号, the "
            "last column of an export) names a record updates it with the cells that differ (an equal row writes "
            "nothing); an unknown ID is a bad row; an empty ID adds a record (stock: a receipt; a changed stock "
            "balance is refused, the ledger is append-only). Prints a JSON report: rows read, rows valid, "
            "created, updated, unchanged, each bad row with its row number, column and reason; progress goes to "
            "stderr. Every row is checked first and nothing is imported unless every row is valid, then the rows "
            "are written in short batches (a row failing only then is reported; the batches before it stay); "
            "--partial imports the valid rows, --dry-run imports nothing. "
            "Exit status 1 when bad rows were found.")

    def add_arguments(self, parser):
        parser.add_argument("database", choices=sorted(DATABASES))
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check every row, import nothing")
        parser.add_argument("--partial", action="store_true", help="import the valid rows even if some are bad")

    def handle(self, *args, database, file, dry_run, partial, **options):
        try:
            with open(file, "rb") as handle:
                report = run_import(get_database(database), SYSTEM, handle, dry_run=dry_run, partial=partial,
                                    filename=file, max_rows=cli_max_rows(), progress=self._progress())
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from exc
        except ServiceError as exc:
            self.stdout.write(json.dumps({"database": database, "file": file, "error": exc.message,
                                          "fields": {k: list(map(str, v)) for k, v in exc.fields.items()}},
                                         ensure_ascii=False, indent=2))
            raise CommandError(exc.message) from exc
        self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        if report.errors:
            kept = f"{report.rows_imported} valid rows imported" if report.rows_imported else "nothing imported"
            raise CommandError(f"{len(report.bad_rows)} bad rows; {kept}")

    def _progress(self, every: float = 2.0):
        """Report on stderr (the report itself is stdout's) how far each pass is, every few seconds."""
        last = {"at": time.monotonic()}

        def show(stage: str, done: int, total: int):
            if done == total or time.monotonic() - last["at"] >= every:
                last["at"] = time.monotonic()
                verb = "checked" if stage == "check" else "written"
                self.stderr.write(f"{verb} {done}/{total} rows")

        return show
