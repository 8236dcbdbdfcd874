"""`countydesk export DATABASE -o FILE.xlsx`: the whole database in its import template's columns, and its ID."""

import json

from django.core.management.base import BaseCommand, CommandError

from countydesk.registry.sheets.kit import DATABASES, get_database


class Command(BaseCommand):
    help = ("Write a whole registry database to an Excel file whose columns are the import template's "
            "(read-only extras after them, then the record's ID), so the edited file imports again as updates.")

    def add_arguments(self, parser):
        parser.add_argument("database", choices=sorted(DATABASES))
        parser.add_argument("-o", "--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, database, output, **options):
        content, rows = get_database(database).export()
        try:
            with open(output, "wb") as handle:
                handle.write(content)
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc.strerror}") from exc
        self.stdout.write(json.dumps({"database": database, "file": output, "rows": rows}, ensure_ascii=False))
