"""Events published by other processes (跨进程转发).

With REDIS_URL set, every process publishes to one Redis pub/sub channel and each server process listens
to it, so two servers (and the workers) all reach every open stream. Without Redis (the embedded set-up) a
server's own events go straight to its hub, and this relay picks up, once a second while streams are open,
the few rows that other processes published (the background worker; sibling `--workers`): one query per
process, whatever the number of open streams.
"""

import asyncio
import logging
from datetime import timedelta

import orjson
from django.conf import settings
from django.utils import timezone

log = logging.getLogger(__name__)
CATCH_UP_SECONDS = 1.0
# A row becomes visible when its transaction commits, a little after its created_at: look back this far.
CATCH_UP_WINDOW = timedelta(seconds=5)


def channel() -> str:
    return settings.EVENTS_CHANNEL


async def listen(hub):
    if settings.REDIS_URL:
        await _from_redis(hub)
    else:
        await _from_database(hub)


async def _from_redis(hub):
    from redis import asyncio as aioredis

    while True:
        client = aioredis.from_url(settings.REDIS_URL)
        try:
            async with client.pubsub() as pubsub:
                await pubsub.subscribe(channel())
                hub.ready.set()
                async for message in pubsub.listen():
                    if message["type"] == "message":
                        hub.deliver(orjson.loads(message["data"]))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("live updates: Redis subscription lost; subscribing again")
            await asyncio.sleep(1)
        finally:
            await client.aclose()


async def _from_database(hub):
    hub.ready.set()
    while True:
        await asyncio.sleep(CATCH_UP_SECONDS)
        if hub.count():
            try:
                for message in await hub.run(_recent_foreign, hub):
                    hub.deliver(message)
            except Exception:
                log.exception("live updates: catching up on other processes' events failed")


def _recent_foreign(hub) -> list[dict]:
    from countydesk.core.events.models import Event

    since = timezone.now() - CATCH_UP_WINDOW - timedelta(seconds=CATCH_UP_SECONDS)
    rows = Event.objects.filter(created_at__gte=since).order_by("id")
    return [row.message() for row in rows if not hub.seen(row.pk)]
