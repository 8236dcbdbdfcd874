"""Submissions in full-text search: once they leave the unit, scoped to their unit."""

from .choices import UNIT_STATES


def document(submission):
    if submission.status in UNIT_STATES:
        return None
    return {"title": submission.title, "body": submission.body, "unit": submission.unit,
            "url": f"/info/submissions/{submission.pk}/"}
