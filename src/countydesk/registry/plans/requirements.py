"""Required resources written as lines (应急资源一览表), read by the plan form and the plans Excel sheet.

One line per requirement: ``Ⅳ | 队伍 | 防汛抢险队 | 2 | 支 | 101 专业队伍``. The sixth part is what makes
the row matchable against the registry: a team's capability (event-type code) and optionally its kind, an
expert's specialty (event-type code), a supply's catalogue item (GB/T 38565 code). Without it the row is
free text, shown as unmatched (未匹配)."""

import re
from decimal import Decimal, InvalidOperation

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from countydesk.core.taxonomy import EVENT_TYPES
from countydesk.core.workbooks import in_every_language
from countydesk.registry.supplies.models import Item
from countydesk.registry.teams.choices import TeamKind

from .choices import ResourceKind

LEVEL_WORDS = {"I": "I", "Ⅰ": "I", "II": "II", "Ⅱ": "II", "III": "III", "Ⅲ": "III", "IV": "IV", "Ⅳ": "IV"}
KIND_WORDS = {"队伍": ResourceKind.TEAM, "team": ResourceKind.TEAM, "专家": ResourceKind.EXPERT,
              "expert": ResourceKind.EXPERT, "物资": ResourceKind.SUPPLY, "supply": ResourceKind.SUPPLY}
KIND_NAMES = {ResourceKind.TEAM: "队伍", ResourceKind.EXPERT: "专家", ResourceKind.SUPPLY: "物资"}
SPLIT = re.compile(r"\s*[|｜]\s*")


def level_of(word: str) -> str:
    level = LEVEL_WORDS.get(word.strip().upper().removesuffix("级"))
    if level is None:
        raise ValueError(_("Unknown response level: %s") % word)
    return level


def _team_kind(word: str) -> str:
    if word in TeamKind.values:
        return word
    for code, label in TeamKind.choices:
        if word in in_every_language(label):
            return code
    raise ValueError(_("Unknown team kind %(value)s; one of: %(labels)s")
                     % {"value": word, "labels": "、".join(str(label) for label in TeamKind.labels)})


def _event_type(code: str) -> str:
    if code not in EVENT_TYPES:
        raise ValueError(_("Unknown event type code %s.") % code)
    return code


def _match(kind: str, text: str) -> dict:
    """The matchable fields named by the sixth part of a line (empty: a free-text row)."""
    fields = {"team_kind": "", "capability": "", "item": None}
    if not text:
        return fields
    if kind == ResourceKind.SUPPLY:
        item = Item.objects.filter(code=text).first()
        if item is None:
            raise ValueError(_("Unknown catalogue item code %s.") % text)
        return fields | {"item": item}
    code, _sep, team_kind = text.partition(" ")
    fields["capability"] = _event_type(code)
    if team_kind.strip():
        if kind != ResourceKind.TEAM:
            raise ValueError(_("Only a team requirement names a team kind: %s") % text)
        fields["team_kind"] = _team_kind(team_kind.strip())
    return fields


def parse_line(line: str) -> dict:
    parts = SPLIT.split(line.strip())
    if len(parts) not in (5, 6) or parts[1].lower() not in KIND_WORDS:
        raise ValueError(_("Write each resource as “Ⅳ | 队伍/专家/物资 | name | quantity | unit | match”: %s") % line)
    kind = KIND_WORDS[parts[1].lower()]
    try:
        quantity = Decimal(parts[3])
    except InvalidOperation:
        raise ValueError(_("Not a quantity: %s") % parts[3]) from None
    return {"level": level_of(parts[0]), "kind": kind, "name": parts[2], "quantity": quantity,
            "unit_of_measure": parts[4], **_match(kind, parts[5] if len(parts) == 6 else "")}


def parse_lines(text: str) -> list[dict]:
    """Lines → [{level, kind, name, quantity, unit_of_measure, team_kind, capability, item}] (ValueError)."""
    return [parse_line(line) for line in (text or "").splitlines() if line.strip()]


def match_text(r) -> str:
    """The sixth part of a requirement's line: what it is matched by, or empty."""
    if r.kind == ResourceKind.SUPPLY:
        return r.item.code if r.item_id else ""
    return " ".join(part for part in (r.capability, r.team_kind if r.kind == ResourceKind.TEAM else "") if part)


def line_of(r) -> str:
    parts = [r.level, KIND_NAMES.get(r.kind, r.kind), r.name, f"{r.quantity.normalize():f}", r.unit_of_measure]
    match = match_text(r)
    return " | ".join([*parts, match] if match else parts)


def lines_of(resources) -> str:
    return "\n".join(line_of(r) for r in resources)


def match_label(r) -> str:
    """What a requirement is matched by, in words (能力 105 森林(草原)火灾 · 专业队伍), or empty."""
    if r.kind == ResourceKind.SUPPLY:
        return f"{r.item.code} {r.item.name}" if r.item_id else ""
    if not r.capability:
        return ""
    words = [f"{r.capability} {EVENT_TYPES[r.capability].name}"]
    if r.kind == ResourceKind.TEAM and r.team_kind:
        words.append(str(TeamKind(r.team_kind).label))
    return " · ".join(words)


def unmatched_q(prefix: str = "") -> Q:
    """The free-text requirements: a supply without catalogue item, a team or expert without capability."""
    supply = Q(**{f"{prefix}kind": ResourceKind.SUPPLY})
    return (supply & Q(**{f"{prefix}item__isnull": True})) | (~supply & Q(**{f"{prefix}capability": ""}))


def unmatched_count() -> Count:
    """A plan queryset's annotation: how many of its requirements are unmatched."""
    return Count("resources", filter=unmatched_q("resources__"), distinct=True)
