"""The evaluation report (总结评估报告) as a GB/T 9704 document, and as a workbook, from the stored measures."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from countydesk.core.gbt9704 import GovDocument, Table, Text, masthead, render
from countydesk.core.workbooks import append_row
from countydesk.incidents.choices import GRADE_NUMERALS
from countydesk.orgs.models import signing_name

ISSUER = "县应急管理局"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _title(measures) -> str:
    return _("After-action evaluation of incident %(number)s %(title)s") % measures["incident"]


def evaluation_document(evaluation) -> GovDocument:
    measures, incident = evaluation.measures, evaluation.measures["incident"]
    title = _title(measures)
    doc = GovDocument(title, masthead(_("Emergency handling evaluation"), "", signing_name(ISSUER),
                                      timezone.localdate(evaluation.made_at)))
    late = [i for i in measures["intervals"] if i["late"]]
    doc.blocks += [
        Text(title, "title"),
        Text(_("Grade %(grade)s incident %(number)s. %(late)d of %(count)d measured intervals exceeded their limit.")
             % {"grade": GRADE_NUMERALS[incident["grade"]], "number": incident["number"], "late": len(late),
                "count": sum(i["minutes"] is not None for i in measures["intervals"])}),
        Text(_("1. Milestones")),
        Table([_("Milestone"), _("Time")], [[m["label"], m["shown"]] for m in measures["milestones"]], (4, 3)),
        Text(_("2. Intervals against their limits")),
        Table([_("Interval"), _("Measured")], [[i["label"], i["verdict"]] for i in measures["intervals"]], (4.5, 3.5)),
    ]
    for number, section in enumerate(measures["sections"], 3):
        doc.blocks += [Text(f"{number}. {section['title']}"),
                       Table(section["header"], section["rows"], tuple(1 for _ in section["header"]))]
        if section["note"]:
            doc.blocks.append(Text(section["note"]))
    doc.blocks += [Text(_("Lessons learned")), *[Text(line) for line in evaluation.lessons.splitlines()
                                                            if line.strip()]]
    return doc


def evaluation_file(evaluation, fmt: str) -> tuple[bytes, str, str]:
    """The report as docx or pdf, or the figures as xlsx: bytes, media type, file name."""
    name = f"{_('Evaluation')}-{evaluation.measures['incident']['number']}.{fmt}"
    if fmt == "xlsx":
        return evaluation_workbook(evaluation), XLSX, name
    content, mimetype = render(evaluation_document(evaluation), fmt)
    return content, mimetype, name


def evaluation_workbook(evaluation) -> bytes:
    measures = evaluation.measures
    book = Workbook()
    sheet = book.active
    sheet.title = _("Intervals")
    append_row(sheet, [_("Interval start"), _("Interval end"), _("Interval"), _("Minutes"), _("Limit (minutes)"), _("Over the limit")])
    for i in measures["intervals"]:
        append_row(sheet, [i["start"], i["end"], i["label"], i["minutes"], i["limit"],
                           "" if i["late"] is None else (_("yes") if i["late"] else _("no"))])
    milestones = book.create_sheet(_("Milestones"))
    append_row(milestones, [_("Milestone"), _("Time")])
    for m in measures["milestones"]:
        append_row(milestones, [m["label"], m["shown"]])
    for section in measures["sections"]:
        sheet = book.create_sheet(section["title"][:31])
        append_row(sheet, section["header"])
        for row in section["rows"]:
            append_row(sheet, row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
