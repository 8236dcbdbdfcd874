"""Workflow buttons on record pages, drawn from the object's transition table (core.workflow)."""

from django.contrib import messages
from django.utils.translation import gettext as _

from countydesk.base.errors import ServiceError, TransitionNotAllowed


def buttons(flow, user, obj) -> list[tuple]:
    """(action, label, the name of the text box it asks for or None) for each transition `user` may take on `obj`
    now: a page's workflow buttons."""
    return [(t.name, t.label, t.comment if t.comment_required else None) for t in flow.available(user, obj)]


def take_from_page(request, flow, name: str, obj):
    """Take a posted button's transition (its text box, if any, read from the form). A wrong state (a stale page)
    answers the readable 409 page naming the allowed next states; other refusals come back as a message on the
    record's page. Returns the service's result or None."""
    try:
        comment = request.POST.get(flow.get(name).comment or "", "")
        result = flow.run(name, request.user, obj, comment)
    except TransitionNotAllowed:
        raise
    except ServiceError as exc:
        messages.error(request, exc.message)
        return None
    messages.success(request, _("Done."))
    return result


def take_each(request, flow, name: str, objects) -> list[tuple]:
    """Take transition `name` on each object through its service (so its checks and audit apply per object), each in
    its own transaction: a refusal is (obj, message) and the others go on; a success is (obj, None)."""
    outcomes = []
    for obj in objects:
        try:
            flow.run(name, request.user, obj)
        except ServiceError as exc:
            outcomes.append((obj, exc.message))
        else:
            outcomes.append((obj, None))
    return outcomes
