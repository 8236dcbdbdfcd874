"""An issue of a periodical as a GB/T 9704 Word document."""

from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH

from countydesk.core.gbt9704 import BODY_FONT, TITLE_FONT, document, masthead, paragraph, to_bytes


def issue_docx(issue) -> bytes:
    doc = document()
    date = timezone.localtime(issue.signed_at).date() if issue.signed_at else timezone.localdate()
    masthead(doc, issue.periodical.name, issue.label,
             f"{issue.periodical.issuer}　　　　　　　　{date.year}年{date.month}月{date.day}日")
    for item in issue.items.select_related("unit"):
        paragraph(doc, item.title, TITLE_FONT, 22, align=WD_ALIGN_PARAGRAPH.CENTER)
        for text in filter(None, (line.strip() for line in item.body.splitlines())):
            paragraph(doc, text, BODY_FONT, 16, indent=True)
        source = "　".join(filter(None, [item.unit.name if item.unit else "", item.writer]))
        if source:
            paragraph(doc, f"（{source}）", BODY_FONT, 16, align=WD_ALIGN_PARAGRAPH.RIGHT)
    return to_bytes(doc)
