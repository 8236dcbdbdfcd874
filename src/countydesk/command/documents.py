"""The requisition's documents in the GB/T 9704 layout (core.gbt9704), in Word and PDF from one description:
the decision (征用决定书) and the compensation note with its list (补偿通知书及补偿清单)."""

from django.utils import timezone

from countydesk.core.gbt9704 import GovDocument, Table, Text, masthead, render
from countydesk.core.ui.times import stamp
from countydesk.orgs.models import signing_name

ISSUER = "县人民政府"


def _money(value) -> str:
    return f"{value:,.2f}"


def _quantity(value) -> str:
    return f"{value.normalize():f}"


def _head(title: str, requisition) -> GovDocument:
    issuer = signing_name(ISSUER)
    number = f"征字〔{requisition.requisitioned_at:%Y}〕{requisition.pk}号"
    doc = GovDocument(title, masthead(f"{issuer}文件", number, issuer, timezone.localdate()))
    doc.blocks.append(Text(title, "title"))
    return doc


def decision_document(requisition) -> GovDocument:
    """征用决定书: owner, legal basis, purpose, the items with their value and condition before use."""
    doc = _head("应急征用决定书", requisition)
    incident = requisition.incident
    doc.blocks += [
        Text(f"{requisition.owner_name}（{requisition.get_owner_kind_display()}，"
             f"证件号码/统一社会信用代码：{requisition.owner_id_code}；联系方式：{requisition.owner_contact}）："),
        Text(f"为应对“{incident.title}”突发事件，根据《中华人民共和国突发事件应对法》的规定，"
             f"本机关于{stamp(requisition.requisitioned_at)}起征用你（单位）下列财产，用于：{requisition.purpose}。"
             f"使用完毕后将及时返还；财产被征用或者征用后毁损、灭失的，依法给予补偿。"),
        Table(["序号", "财产名称", "数量", "使用前状况", "价值（元）"],
              [[str(n), line.description, _quantity(line.quantity), line.condition_before, _money(line.value)]
               for n, line in enumerate(requisition.lines.all(), 1)], (0.8, 3.6, 1.2, 3.6, 1.8)),
        Text("被征用人对本决定不服的，可以依法申请行政复议或者提起行政诉讼。"),
    ]
    return doc


def compensation_document(requisition) -> GovDocument:
    """补偿通知书及补偿清单: each item's return condition, outcome, repair cost and compensation, and the total."""
    doc = _head("征用财产补偿通知书", requisition)
    doc.blocks += [
        Text(f"{requisition.owner_name}："),
        Text(f"本机关于{stamp(requisition.requisitioned_at)}征用的你（单位）财产已于"
             f"{stamp(requisition.returned_at) if requisition.returned_at else '—'}返还。经核定，"
             f"应予补偿金额合计人民币{_money(requisition.compensation)}元。补偿清单如下："),
        Table(["序号", "财产名称", "使用前状况", "返还时状况", "核定结果", "维修费用（元）", "补偿金额（元）"],
              [[str(n), line.description, line.condition_before, line.condition_after, line.get_outcome_display(),
                _money(line.repair_cost), _money(line.compensation)]
               for n, line in enumerate(requisition.lines.all(), 1)], (0.8, 2.4, 2.2, 2.2, 1.6, 1.6, 1.6)),
        Text(f"补偿状态：{requisition.get_payment_status_display()}。"),
    ]
    return doc


DOCUMENTS = {"decision": (decision_document, "征用决定书"), "compensation": (compensation_document, "补偿通知书")}


def requisition_file(requisition, which: str, fmt: str = "docx") -> tuple[bytes, str, str]:
    """One of DOCUMENTS as `fmt`: its bytes, media type and file name."""
    build, name = DOCUMENTS[which]
    content, mimetype = render(build(requisition), fmt)
    return content, mimetype, f"{name}-{requisition.pk}.{fmt}"
