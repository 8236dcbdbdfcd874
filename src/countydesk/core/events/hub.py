"""This process's open event streams and their fan-out (推送分发).

Every stream is a `Subscription` queue on the server's event loop; `deliver` puts each event into the queue
of every subscriber of its topic that may see it. Events reach `deliver` from this process's own services
(`deliver_threadsafe`, called after commit from a page thread) or from the relay (other processes, see
relay.py). Database work (checking the session, snapshots, resume) runs in a small pool of its own, so it
never takes one of the page threads and never blocks the loop.
"""

import asyncio
import logging
from collections import OrderedDict, defaultdict
from concurrent.futures import ThreadPoolExecutor

import orjson
from django.db import close_old_connections
from django.utils import translation

from . import relay
from .topics import Topic, Viewer

log = logging.getLogger(__name__)
QUEUE_SIZE = 100
SEEN_IDS = 10_000


class Subscription:
    """One open stream: its viewer and its queue (None in the queue ends the stream)."""

    def __init__(self, topic: Topic, viewer: Viewer):
        self.topic, self.viewer = topic, viewer
        self.queue: asyncio.Queue = asyncio.Queue(QUEUE_SIZE)
        self.overflowed = False

    def put(self, message: dict | None):
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            # A reader this far behind reconnects and resumes from its Last-Event-ID.
            self.overflowed = True
            self.queue.get_nowait()
            self.queue.put_nowait(None)


class Hub:
    def __init__(self):
        self.loop: asyncio.AbstractEventLoop | None = None
        self.subscribers: dict[str, set[Subscription]] = defaultdict(set)
        self.ready: asyncio.Event | None = None
        self.closing = False
        self._seen: OrderedDict[int, None] = OrderedDict()
        self._snapshots: dict[tuple, tuple[int, asyncio.Future]] = {}
        self._relay: asyncio.Task | None = None
        self._pool = ThreadPoolExecutor(2, thread_name_prefix="events")

    async def start(self):
        """Bind to the running loop and start the relay once; wait until it listens."""
        if self._relay is None:
            self.loop, self.ready, self.closing = asyncio.get_running_loop(), asyncio.Event(), False
            self._relay = asyncio.create_task(relay.listen(self))
        await self.ready.wait()

    def close(self):
        """End every open stream cleanly (server shutdown)."""
        self.closing = True
        for subscription in [s for group in self.subscribers.values() for s in group]:
            subscription.put(None)
        if self._relay is not None:
            self._relay.cancel()
            self._relay = None

    def subscribe(self, topic: Topic, viewer: Viewer) -> Subscription:
        subscription = Subscription(topic, viewer)
        self.subscribers[topic.name].add(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription):
        self.subscribers[subscription.topic.name].discard(subscription)

    def count(self) -> int:
        return sum(len(group) for group in self.subscribers.values())

    def deliver_threadsafe(self, message: dict):
        loop = self.loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.deliver, message)

    def deliver(self, message: dict):
        """Hand `message` to every subscriber of its topic that may see it (once per event id)."""
        if message["id"] in self._seen:
            return
        self._seen[message["id"]] = None
        if len(self._seen) > SEEN_IDS:
            self._seen.popitem(last=False)
        for subscription in list(self.subscribers.get(message["topic"], ())):
            if subscription.viewer.sees(message["unit"]):
                subscription.put(message)

    def seen(self, event_id: int) -> bool:
        return event_id in self._seen

    async def run(self, function, *args):
        """`function(*args)` in the events pool, with Django's connection housekeeping around it."""
        return await self.loop.run_in_executor(self._pool, _job, function, args)

    async def snapshot(self, subscription: Subscription, event_id: int) -> tuple[int, bytes]:
        """The topic's snapshot for the viewer's audience as of `event_id`: computed once for all alike."""
        key = (subscription.topic.name, subscription.viewer.audience)
        known = self._snapshots.get(key)
        if known is None or known[0] < event_id:
            future = asyncio.ensure_future(self.run(_snapshot, subscription.topic, subscription.viewer))
            known = self._snapshots[key] = (event_id, future)
        try:
            return known[0], await asyncio.shield(known[1])
        except Exception:
            if self._snapshots.get(key) is known:
                del self._snapshots[key]  # the next change or reconnect computes it afresh
            raise


def _job(function, args):
    close_old_connections()
    try:
        return function(*args)
    finally:
        close_old_connections()


def _snapshot(topic: Topic, viewer: Viewer) -> bytes:
    with translation.override(viewer.language):
        return orjson.dumps(topic.snapshot(viewer.user))


HUB = Hub()
