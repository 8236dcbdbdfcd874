"""Condensing (浓缩) never loses an element: replacing any demo submission's text with its summary leaves the
completeness check with nothing new missing; the lead sentence stays and a closing 下一步 gives way."""

import pytest
from django.utils import timezone

from countydesk.info.models import Submission
from countydesk.info.quality import text_checks
from countydesk.orgs.dictionary import ensure_loaded
from countydesk.textkit import sentences, summarize

pytestmark = pytest.mark.django_db

CHARS = 200  # the summary length the submission page offers first


def _missing(text, today):
    return set(text_checks(text, today)[1].missing)


def _shortest_complete(text, today) -> int:
    """The length of the shortest run of whole sentences, lead included, that the check finds as complete as
    the whole text: a summary of that length can lose nothing (sentences taken in order, as summaries are)."""
    parts, whole = sentences(text), _missing(text, today)
    best = len(text)
    for mask in range(1 << (len(parts) - 1)):
        chosen = [parts[0]] + [p for i, p in enumerate(parts[1:]) if mask >> i & 1]
        if sum(map(len, chosen)) < best and _missing("".join(chosen), today) <= whole:
            best = sum(map(len, chosen))
    return best


def test_summary_of_every_demo_submission_misses_nothing_the_text_had():
    ensure_loaded()
    today = timezone.localdate()
    worse = {}
    submissions = list(Submission.objects.all())
    assert len(submissions) > 50
    for s in submissions:
        before = _missing(s.body, today)
        for chars in (CHARS, _shortest_complete(s.body, today)):
            summary = summarize(s.body, chars)
            if _missing(summary, today) - before or not summary.startswith(sentences(s.body)[0]):
                worse[(s.pk, chars)] = (sorted(_missing(summary, today) - before), summary)
    assert worse == {}


def test_summary_keeps_the_lead_and_drops_a_closing_next_step():
    text = ("3月12日，青山镇组织镇村干部、民兵42人对辖区12座山塘水库开展汛前隐患排查，发现隐患5处，已整改3处。"
            "排查中，镇里坚持边查边改，对一时难以整改的落实专人盯守。"
            "据镇水利站统计，今年以来全镇累计投入防汛资金86万元，新建排水沟2.3公里。"
            "群众普遍反映，排查工作扎实细致，心里更踏实了。"
            "下一步，青山镇将继续加大排查力度，确保安全度汛。")
    summary = summarize(text, 120)
    assert summary.startswith("3月12日，青山镇组织镇村干部")
    assert "下一步" not in summary and "86万元" in summary
