"""Quality checks of a submission (A8): stale figures, missing elements, length, near-duplicates.

Computed when shown, from textkit and the chapter's rule table; nothing is stored, so a changed
rule applies at once to every item.
"""

from dataclasses import dataclass

from django.utils import timezone

from countydesk.orgs.dictionary import ensure_loaded
from countydesk.textkit import FreshnessRule, check_completeness, check_freshness, similarity

from .choices import SubmissionStatus as S
from .models import Submission
from .rules import quality_rule

RECENT_ITEMS = 500  # near-duplicates are looked for among this many latest submissions


@dataclass
class Quality:
    stale: bool
    newest_period: str | None
    stale_phrases: list[str]
    missing: list[str]
    length: int
    condense_hint: str | None
    duplicates: list[tuple[Submission, float]]

    @property
    def flags(self) -> list[str]:
        from django.utils.translation import gettext as _

        flags = [_("stale figures")] if self.stale else []
        flags += [_("missing: %s") % "、".join(self.missing)] if self.missing else []
        flags += [_("near-duplicate")] if self.duplicates else []
        return flags


def text_checks(text: str, as_of, max_lag_months: int | None = None, given: dict[str, str] | None = None):
    """(freshness, completeness) of a text under the administrator's rules (InfoRule: lag, condensation length):
    the one reading behind the submission page, `/api/text/check` and `countydesk text check`. `given`: the
    elements a submission states in fields of its own (place, source)."""
    lag, target, _ = quality_rule()
    freshness = check_freshness(text, as_of, FreshnessRule(lag if max_lag_months is None else max_lag_months))
    return freshness, check_completeness(text, target_chars=target, given=given)


def _as_of(submission):
    return timezone.localtime(submission.submitted_at or timezone.now()).date()


def stale_check(submission):
    return text_checks(submission.body, _as_of(submission))[0]


def check(submission: Submission) -> Quality:
    ensure_loaded()
    given = {"地点": submission.place, "来源": submission.source}
    freshness, completeness = text_checks(submission.body, _as_of(submission), given=given)
    threshold = quality_rule()[2]
    return Quality(freshness.stale, freshness.newest_period, freshness.phrases, completeness.missing,
                   completeness.length, completeness.condense_hint, near_duplicates(submission, threshold))


def near_duplicates(submission: Submission, threshold: float) -> list[tuple[Submission, float]]:
    """Earlier items, of any unit, whose text is nearly the same (also across units)."""
    text = f"{submission.title}\n{submission.body}"
    recent = (Submission.objects.exclude(pk=submission.pk).exclude(status=S.DRAFT)
              .exclude(follow_up_of=submission).select_related("unit").order_by("-pk")[:RECENT_ITEMS])
    scored = ((other, similarity(text, f"{other.title}\n{other.body}")) for other in recent)
    return sorted((pair for pair in scored if pair[1] >= threshold), key=lambda p: -p[1])[:5]
