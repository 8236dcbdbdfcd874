"""Plans in full-text search: drafts for their owner unit, the others for every signed-in reader."""

from .choices import PlanStatus


def document(plan):
    draft = plan.status == PlanStatus.DRAFT
    return {"title": plan.title, "body": plan.summary, "unit": plan.owner if draft else None,
            "url": f"/plans/{plan.pk}/"}
