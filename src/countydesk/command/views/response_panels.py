"""The response and decision-support parts of the command page (响应与辅助决策面板): the incident's responses
with the way to activate one, and the advice for the active plan and level (nearest ready teams first, with
why), the depots, shelters, targets and hazards around the scene and what the county lacks. Registered on import."""

from django.utils.translation import gettext_lazy

from countydesk.accounts.scoping import has_perm
from countydesk.registry.plans.choices import ResponseLevel

from ..advice import advise
from ..models.responses import Response, ResponseStatus
from ..page import register_panel

SHOWN = 5
LISTS = [("teams", gettext_lazy("Teams")), ("experts", gettext_lazy("Experts")), ("depots", gettext_lazy("Depots")),
         ("shelters", gettext_lazy("Shelters")), ("targets", gettext_lazy("Protected targets")),
         ("hazards", gettext_lazy("Hazards"))]


def responses_context(request, incident):
    responses = Response.objects.filter(incident=incident).select_related("plan").order_by("-activated_at")
    return {"responses": list(responses), "may_activate": has_perm(request.user, "command.activate")
            and not any(r.status == ResponseStatus.ACTIVE for r in responses)}


def advice_context(request, incident):
    """Only for those who order resources: the advice is county-wide (every team, depot and shelter)."""
    if not has_perm(request.user, "command.dispatch"):
        return None
    advice = advise(incident)
    level = ResponseLevel(advice.level).label if advice.level else ""
    return {"advice": advice, "level": level, "lists": [(name, label, getattr(advice, name)[:SHOWN]) for name, label in LISTS]}


register_panel("responses", "command/panels/responses.html", responses_context, order=5)
register_panel("advice", "command/panels/advice.html", advice_context, order=8)
