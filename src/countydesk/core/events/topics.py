"""Topics of live updates and who receives them (实时推送的主题与可见范围).

An app registers each topic once in `ready()`: the permission that opens its stream, which viewers see the
events of every unit (by default the county-wide roles), and optionally a snapshot: a function of the user
whose fresh result is sent instead of the event itself (a page that redraws from one state, as the duty desk
does). A snapshot must depend only on what its viewer may see, so one result serves every viewer alike.
"""

from dataclasses import dataclass
from typing import Callable

from countydesk.accounts.scoping import has_perm, is_county_wide


@dataclass(frozen=True)
class Topic:
    name: str
    permission: str
    sees_all: Callable = is_county_wide
    snapshot: Callable | None = None
    event: str = "message"


TOPICS: dict[str, Topic] = {}


def register_topic(name: str, permission: str, *, sees_all: Callable | None = None,
                   snapshot: Callable | None = None, event: str = "message") -> Topic:
    topic = Topic(name, permission, sees_all or is_county_wide, snapshot, event)
    TOPICS[name] = topic
    return topic


@dataclass(frozen=True)
class Viewer:
    """One open stream's user and scope, worked out once when it connects (the checks per event need no query)."""

    user: object
    everywhere: bool
    unit_path: str
    language: str

    @property
    def audience(self) -> tuple:
        """Viewers with the same audience see the same events and the same snapshot."""
        return ("*" if self.everywhere else self.unit_path, self.language)

    def sees(self, unit_path: str) -> bool:
        if self.everywhere or not unit_path:
            return True
        return bool(self.unit_path) and unit_path.startswith(self.unit_path)


def viewer_for(user, topic: Topic, language: str) -> Viewer | None:
    """The viewer `user` is on `topic`, or None when the user may not open its stream."""
    if not has_perm(user, topic.permission):
        return None
    unit = getattr(user, "unit", None)
    return Viewer(user, bool(topic.sees_all(user)), unit.path if unit else "", language)
