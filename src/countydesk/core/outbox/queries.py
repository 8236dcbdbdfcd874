"""Reading the outbox for the pages of the objects that caused messages: their delivery state is the
messages' state, never a flag of their own."""

from django.contrib.contenttypes.models import ContentType

from .choices import MessageState
from .models import OutboxMessage

# The state a group of messages shows, by the first of these any of them is in.
_SUMMARY_ORDER = (MessageState.DEAD, MessageState.UNCONFIGURED, MessageState.RETRYING, MessageState.PENDING)


def messages_for(obj):
    return OutboxMessage.objects.filter(source_type=ContentType.objects.get_for_model(obj), source_id=obj.pk)


def summary_state(states) -> str | None:
    """One state for several messages: sent only when every one was sent; None when there are none."""
    states = set(states)
    if not states:
        return None
    return next((s for s in _SUMMARY_ORDER if s in states), MessageState.SENT)


def summary_label(obj):
    """The label of `obj`'s messages' summary state, or None when it caused none."""
    state = summary_state(messages_for(obj).values_list("state", flat=True))
    return MessageState(state).label if state else None
