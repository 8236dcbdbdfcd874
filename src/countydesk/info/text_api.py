"""Text tools over the API: the checks and the summariser behind 生成摘要 in every editor (A3, A8).

The checks read the chapter's rule table (InfoRule) through `quality.text_checks`, as the submission page does."""

from datetime import date

from ninja import Field, Router, Schema

from countydesk.textkit import summarize

from .quality import text_checks

router = Router(tags=["text"])


class TextIn(Schema):
    text: str = Field(..., min_length=1, max_length=50_000)
    chars: int = Field(200, ge=10, le=5_000)
    as_of: date | None = None
    max_lag_months: int | None = Field(None, ge=0, le=24)  # empty: the administrator's rule


class SummaryOut(Schema):
    summary: str


class FreshnessOut(Schema):
    stale: bool
    newest_period: str | None
    phrases: list[str]
    judged: bool


class CompletenessOut(Schema):
    missing: list[str]
    length: int
    condense_hint: str | None


class CheckOut(Schema):
    freshness: FreshnessOut
    completeness: CompletenessOut
    summary: str


def text_report(text: str, as_of: date, max_lag_months: int | None, chars: int) -> dict:
    """Freshness, completeness and a summary of `text`: what the API and `countydesk text check` answer."""
    freshness, completeness = text_checks(text, as_of, max_lag_months)
    return {"freshness": {"stale": freshness.stale, "newest_period": freshness.newest_period,
                          "phrases": freshness.phrases, "judged": freshness.judged},
            "completeness": {"missing": completeness.missing, "length": completeness.length,
                             "condense_hint": completeness.condense_hint},
            "summary": summarize(text, chars)}


@router.post("/text/summary", response=SummaryOut)
def text_summary(request, payload: TextIn):
    """An extractive summary of at most `chars` characters, keeping figures and sentence order."""
    return {"summary": summarize(payload.text, payload.chars)}


@router.post("/text/check", response=CheckOut)
def text_check(request, payload: TextIn):
    """Freshness of the figures as of `as_of` (default today), completeness, and a summary."""
    from django.utils import timezone

    return text_report(payload.text, payload.as_of or timezone.localdate(), payload.max_lag_months, payload.chars)
