import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from countydesk.info.api import period_bounds, reporting_units


class Command(BaseCommand):
    help = ("Information chapter for scripts. `info export-product (--latest | --periodical NAME --year Y --number N) "
            "-o FILE.docx|FILE.pdf`; `info ranking --year Y [--month M | --quarter Q] -o FILE.xlsx`.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export-product", "ranking"])
        parser.add_argument("-o", "--output", required=True)
        parser.add_argument("--latest", action="store_true", help="the issue signed off last")
        parser.add_argument("--periodical")
        parser.add_argument("--year", type=int)
        parser.add_argument("--number", type=int)
        parser.add_argument("--month", type=int)
        parser.add_argument("--quarter", type=int)

    def handle(self, *args, action, output, **options):
        from countydesk.base.errors import ServiceError

        try:
            if action == "export-product":
                content, summary = self._product(fmt="pdf" if output.lower().endswith(".pdf") else "docx", **options)
            else:
                content, summary = self._ranking(**options)
        except ServiceError as exc:  # e.g. a font the PDF needs is not installed
            raise CommandError(exc.message) from exc
        Path(output).write_bytes(content)
        self.stdout.write(json.dumps(summary | {"file": output}, ensure_ascii=False))

    @staticmethod
    def _product(fmt, latest, periodical, year, number, **_):
        from countydesk.periodicals.document import issue_file
        from countydesk.periodicals.models import Issue

        issues = Issue.objects.filter(number__isnull=False).select_related("periodical")
        if latest:
            issue = issues.order_by("-signed_at").first()
        elif periodical and year and number:
            issue = issues.filter(periodical__name=periodical, year=year, number=number).first()
        else:
            raise CommandError("give --latest, or --periodical, --year and --number")
        if issue is None:
            raise CommandError("no such signed issue")
        return issue_file(issue, fmt)[0], {"periodical": issue.periodical.name, "issue": issue.label,
                                   "articles": issue.items.count()}

    @staticmethod
    def _ranking(year, month, quarter, **_):
        from countydesk.info.services import ranking
        from countydesk.info.views import RANKING
        from countydesk.core.ui.tables import xlsx_bytes

        from countydesk.base.errors import ValidationFailed

        try:
            start, end = period_bounds(year or 0, month, quarter)
        except ValidationFailed as exc:
            raise CommandError(exc.message) from exc
        rows = ranking(start, end, reporting_units())
        for rank, row in enumerate(rows, start=1):
            row.rank = rank
        return xlsx_bytes(RANKING.title, RANKING.columns, rows), {"units": len(rows), "from": str(start),
                                                                  "until": str(end)}
