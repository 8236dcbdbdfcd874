"""Publishing a live update (发布实时更新): the services' one call."""

from functools import lru_cache

import orjson
from django.conf import settings
from django.db import transaction

from countydesk.core.events.models import Event

from .hub import HUB
from .relay import channel
from .topics import TOPICS

PRUNE_EVERY = 500
KEEP_EVENTS = 5_000


def publish(topic: str, data: dict, unit=None) -> Event:
    """Announce a change on `topic` to the open streams once the current transaction commits.

    `unit` is the unit the change belongs to: a viewer receives the event when that unit lies within what
    they may see (`None`: every viewer of the topic). The row gives the event its id, which a reconnecting
    page sends back as Last-Event-ID; nothing is announced for a change that is rolled back.
    """
    if topic not in TOPICS:
        raise KeyError(f"unregistered live-update topic {topic!r}")
    event = Event.objects.create(topic=topic, unit_path=unit.path if unit is not None else "", data=data)
    if event.pk % PRUNE_EVERY == 0:
        Event.objects.filter(pk__lte=event.pk - KEEP_EVENTS).delete()
    transaction.on_commit(lambda: send(event.message()), robust=True)
    return event


def send(message: dict):
    if settings.REDIS_URL:
        _redis(settings.REDIS_URL).publish(channel(), orjson.dumps(message))
    else:
        HUB.deliver_threadsafe(message)


@lru_cache(maxsize=4)
def _redis(url: str):
    """One client (a thread-safe connection pool) per Redis URL."""
    import redis

    return redis.Redis.from_url(url)
