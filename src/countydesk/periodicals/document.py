"""An issue of a periodical as a GB/T 9704 document, in Word and in PDF from one description."""

from django.utils import timezone

from countydesk.core.gbt9704 import GovDocument, Record, Text, masthead, render
from countydesk.orgs.models import signing_name

from .choices import Distribution
from .models import DistributionList

# The record's labels are the document's, in Chinese whatever the reader's language.
RECORD_LABELS = {Distribution.REPORT: "报", Distribution.SEND: "送", Distribution.ISSUE: "发"}


def issue_document(issue) -> GovDocument:
    day = timezone.localtime(issue.signed_at).date() if issue.signed_at else timezone.localdate()
    issuer = signing_name(issue.periodical.issuer)
    doc = GovDocument(f"{issue.periodical.name}（{issue.label}）",
                      masthead(issue.periodical.name, issue.label, issuer, day))
    for item in issue.items.select_related("unit"):
        doc.blocks.append(Text(item.title, "title"))
        doc.blocks += [Text(line, "body") for line in filter(None, (line.strip() for line in item.body.splitlines()))]
        source = "　".join(filter(None, [item.unit.name if item.unit else "", item.writer]))
        if source:
            doc.blocks.append(Text(f"（{source}）", "source"))
    recipients = DistributionList.objects.filter(periodical=issue.periodical).order_by("name")
    lines = [(label, [r.name for r in recipients if r.distribution == kind]) for kind, label in RECORD_LABELS.items()]
    doc.record = Record(lines, issuer, day)
    return doc


def issue_file(issue, fmt: str) -> tuple[bytes, str, str]:
    """The issue as `fmt` (docx or pdf): its bytes, media type and file name."""
    content, mimetype = render(issue_document(issue), fmt)
    return content, mimetype, f"{issue.periodical.name}{issue.label}.{fmt}"


def issue_docx(issue) -> bytes:
    return issue_file(issue, "docx")[0]
