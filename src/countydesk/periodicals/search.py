"""Signed and sent issues in full-text search, for the roles that read periodicals (county-wide)."""

from .choices import IssueStatus


def document(item):
    issue = item.issue
    if issue.status not in (IssueStatus.SIGNED, IssueStatus.PUBLISHED):
        return None
    return {"title": f"{issue.periodical.name} {issue.label} · {item.title}", "body": item.body,
            "unit": item.unit, "url": f"/periodicals/{issue.pk}/"}
