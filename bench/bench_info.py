"""Information chapter (issue 3): compiling and exporting a 20-item product, and the yearly ranking over
100,000 submissions against a naive per-row computation in the same run. `python -m bench.bench_info`."""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench.harness import emit, progress, scratch_database  # noqa: E402

SUBMISSIONS = int(os.environ.get("BENCH_INFO_SUBMISSIONS", 100_000))
SAMPLE = 2_000


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "countydesk.settings")
    os.environ["COUNTYDESK_VAR"] = tempfile.mkdtemp(prefix="countydesk-bench-info-")
    if os.environ.get("DATABASE_URL"):  # a fresh database, with the rows the migrations put there
        os.environ["DATABASE_URL"] = scratch_database(os.environ["DATABASE_URL"], "bench_info")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    progress("building the demo county …")
    from countydesk.demo.generator import build_demo

    build_demo(seed=1)


def _product(label):
    from docx import Document

    from countydesk.accounts.models import User
    from countydesk.core.gbt9704 import to_bytes
    from countydesk.periodicals import services
    from countydesk.periodicals.document import issue_docx
    from countydesk.periodicals.models import Periodical

    body = "城关镇扎实推进老旧小区改造，今年以来完成改造12个，惠及居民3000余户。\n一是摸清底数；二是分类施策；三是建管并重。"
    editor = User.objects.get(username="xinxike")
    started = time.perf_counter()
    issue = services.do_create_issue(editor, Periodical.objects.get(name="信息专报"))
    for i in range(20):
        services.do_add_item(editor, issue, title=f"稿件{i + 1}", body=body, writer="王伟")
    content = issue_docx(issue)
    ours = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    doc = Document()
    for i in range(20):
        doc.add_paragraph(f"稿件{i + 1}")
        doc.add_paragraph(body)
    bare = to_bytes(doc)
    baseline = (time.perf_counter() - started) * 1000
    emit(f"info-{label}", "compile_and_export_20_items", ours, "ms", baseline, ours / baseline,
         baseline_is="bare python-docx document of the same text", docx_bytes=len(content), bare_bytes=len(bare))


def _fill(n):
    from datetime import date

    from django.db import transaction

    from countydesk.info.models import Adoption, ScoreRule, Submission

    template = Submission.objects.exclude(status__in=["draft", "pending_unit"]).first()
    units = list(Submission.objects.values_list("unit_id", flat=True).distinct())
    rules = list(ScoreRule.objects.filter(category="adoption"))
    fields = {f.attname: getattr(template, f.attname) for f in Submission._meta.concrete_fields if f.attname != "id"}
    with transaction.atomic():
        for lo in range(0, n, 10_000):
            batch = [Submission(**(fields | {"unit_id": units[i % len(units)], "title": f"稿件{i}"}))
                     for i in range(lo, min(n, lo + 10_000))]
            created = Submission.objects.bulk_create(batch)
            Adoption.objects.bulk_create([Adoption(submission=s, rule=rules[i % len(rules)], points=rules[i % len(rules)].points,
                                                   on=date(2026, 1 + i % 12, 1)) for i, s in enumerate(created) if i % 3 == 0])
            progress(f"submissions {lo + len(batch):,}/{n:,}")


def _naive_points(submissions):
    """Per submission, its adoptions read one query at a time (what a straightforward loop does)."""
    from countydesk.info.models import Adoption

    totals = {}
    for submission in submissions:
        points = sum(Adoption.objects.filter(submission=submission).values_list("points", flat=True))
        totals[submission.unit_id] = totals.get(submission.unit_id, 0) + points
    return totals


def _ranking(label):
    from datetime import date

    from countydesk.info.api import reporting_units
    from countydesk.info.models import Submission
    from countydesk.info.services import ranking

    _fill(SUBMISSIONS)
    started = time.perf_counter()
    rows = ranking(date(2026, 1, 1), date(2026, 12, 31), reporting_units())
    ours = time.perf_counter() - started
    sample = list(Submission.objects.order_by("pk")[:SAMPLE])
    started = time.perf_counter()
    _naive_points(sample)
    naive = (time.perf_counter() - started) * Submission.objects.count() / SAMPLE
    emit(f"info-{label}", "yearly_ranking_100k", ours * 1000, "ms", naive * 1000, ours / naive,
         baseline_is=f"per-submission queries, timed on {SAMPLE:,} and extrapolated", units=len(rows))


def main():
    _setup()
    from django.db import connection

    _product(connection.vendor)
    _ranking(connection.vendor)


if __name__ == "__main__":
    main()
