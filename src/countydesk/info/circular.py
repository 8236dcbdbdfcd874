"""The circular (通报) on the units' information work for a period, as a GB/T 9704 Word document (A11)."""

from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH

from countydesk.core.gbt9704 import BODY_FONT, TITLE_FONT, document, masthead, paragraph, to_bytes

ISSUER = "县人民政府办公室"


def circular_docx(start, end, rows, shortfalls) -> bytes:
    doc = document()
    today = timezone.localdate()
    masthead(doc, "政务信息工作通报", "", f"{ISSUER}　　　　　　　　{today.year}年{today.month}月{today.day}日")
    paragraph(doc, f"关于{start:%Y年%m月%d日}至{end:%Y年%m月%d日}全县政务信息工作情况的通报", TITLE_FONT, 22,
              align=WD_ALIGN_PARAGRAPH.CENTER)
    scored = [r for r in rows if r.points > 0]
    paragraph(doc, f"本期共有{len(scored)}个单位的信息被采用，合计采用{sum(r.adopted for r in rows)}条。"
                   f"现将各单位得分情况通报如下。", BODY_FONT, 16, indent=True)
    _table(doc, ["名次", "单位", "采用条数", "得分", "扣分事项"],
           [[str(i), r.unit, str(r.adopted), str(r.points), "；".join(r.deductions)] for i, r in enumerate(rows, 1)])
    if shortfalls:
        paragraph(doc, "以下单位未完成报送任务：", BODY_FONT, 16, indent=True)
        _table(doc, ["单位", "任务", "已报送", "应报送"],
               [[s.unit.name, str(s.rule), str(s.have), str(s.required)] for s in shortfalls])
    return to_bytes(doc)


def _table(doc, header: list[str], rows: list[list[str]]):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
