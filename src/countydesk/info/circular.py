"""The circular (通报) on the units' information work for a period, as a GB/T 9704 document (A11), in Word
and in PDF from one description."""

from django.utils import timezone

from countydesk.core.gbt9704 import GovDocument, Table, Text, masthead, render
from countydesk.orgs.models import signing_name

ISSUER = "县人民政府办公室"


def circular_document(start, end, rows, shortfalls) -> GovDocument:
    title = f"关于{start:%Y年%m月%d日}至{end:%Y年%m月%d日}全县政务信息工作情况的通报"
    doc = GovDocument(title, masthead("政务信息工作通报", "", signing_name(ISSUER), timezone.localdate()))
    scored = [r for r in rows if r.points > 0]
    doc.blocks += [
        Text(title, "title"),
        Text(f"本期共有{len(scored)}个单位的信息被采用，合计采用{sum(r.adopted for r in rows)}条。"
             f"现将各单位得分情况通报如下。"),
        Table(["名次", "单位", "采用条数", "得分", "扣分事项"],
              [[str(i), r.unit, str(r.adopted), str(r.points), "；".join(r.deductions)] for i, r in enumerate(rows, 1)],
              (1, 4.6, 1.6, 1.2, 3.6)),
    ]
    if shortfalls:
        doc.blocks += [Text("以下单位未完成报送任务："),
                       Table(["单位", "任务", "已报送", "应报送"],
                             [[s.unit.name, str(s.rule), str(s.have), str(s.required)] for s in shortfalls],
                             (4, 4, 1.5, 1.5))]
    return doc


def circular_file(start, end, rows, shortfalls, fmt: str) -> tuple[bytes, str, str]:
    """The circular as `fmt` (docx or pdf): its bytes, media type and file name."""
    content, mimetype = render(circular_document(start, end, rows, shortfalls), fmt)
    return content, mimetype, f"政务信息工作通报-{start}-{end}.{fmt}"
