"""Links a higher app puts on a lower app's record page (记录页扩展操作): the incident page shows 启动响应 from
the command app without importing it. The higher app registers in its ready(); the page asks for the links."""

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class RecordAction:
    key: str  # unique name of the link, e.g. "command.activate_response"
    label: Any  # a lazy translation
    url: Callable[[Any], str]  # (obj) -> address
    visible: Callable[[Any, Any], bool] = lambda user, obj: True  # (user, obj)
    order: int = 100


ACTIONS: dict[str, dict[str, RecordAction]] = {}  # page name ("incidents.incident") → key → action


def register_record_action(page: str, key: str, label, url: Callable, visible: Callable = lambda user, obj: True,
                           order: int = 100):
    ACTIONS.setdefault(page, {})[key] = RecordAction(key, label, url, visible, order)


def record_actions(page: str, user, obj) -> list[tuple[str, str]]:
    """(label, url) of the links `user` may follow from `obj`'s page, in order."""
    found = sorted(ACTIONS.get(page, {}).values(), key=lambda a: (a.order, a.key))
    return [(str(a.label), a.url(obj)) for a in found if a.visible(user, obj)]
