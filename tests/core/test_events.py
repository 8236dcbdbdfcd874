"""Live updates in one process (core/events): who receives what, after commit only, one snapshot per audience."""

import asyncio
import threading

import pytest
from django.db import transaction

from countydesk.core.events import hub as hub_module
from countydesk.core.events import publishing as publish_module
from countydesk.core.events import register_topic
from countydesk.core.events.topics import TOPICS, viewer_for
from countydesk.core.models import Event
from countydesk.orgs.models import Unit

TOPIC = "test.events"


class LoopThread:
    """A hub on an event loop of its own thread, as the server runs it (without the cross-process relay)."""

    def __init__(self, monkeypatch):
        async def quiet_relay(hub):
            hub.ready.set()
            await asyncio.Event().wait()

        monkeypatch.setattr(hub_module.relay, "listen", quiet_relay)
        self.hub = hub_module.Hub()
        monkeypatch.setattr(publish_module, "HUB", self.hub)
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.call(self.hub.start())

    def call(self, coroutine, timeout=10):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def subscribe(self, user, topic=TOPIC):
        viewer = viewer_for(user, TOPICS[topic], "zh-hans")

        async def make():
            return self.hub.subscribe(TOPICS[topic], viewer)
        return self.call(make())

    def received(self, subscription, wait=0.3) -> list:
        async def drain():
            await asyncio.sleep(wait)
            items = []
            while not subscription.queue.empty():
                items.append(subscription.queue.get_nowait())
            return items
        return self.call(drain())

    def close(self):
        async def stop():
            self.hub.close()
            await asyncio.sleep(0)
        self.call(stop())
        self.loop.call_soon_threadsafe(self.loop.stop)


@pytest.fixture
def loop_hub(monkeypatch):
    register_topic(TOPIC, "incidents.view")
    running = LoopThread(monkeypatch)
    yield running
    running.close()
    TOPICS.pop(TOPIC, None)


def _township(name):
    return Unit.objects.get(name=name)


def test_an_event_reaches_every_viewer_who_may_see_it_and_no_one_else(loop_hub, user, django_capture_on_commit_callbacks):
    county, qingshan, chengguan = (loop_hub.subscribe(user(n)) for n in ("yingjiban", "qingshan_xxy", "chengguan_xxy"))
    with django_capture_on_commit_callbacks(execute=True):
        event = publish_module.publish(TOPIC, {"what": "青山镇"}, unit=_township("青山镇"))
    assert [m["id"] for m in loop_hub.received(county)] == [event.pk]
    assert [m["data"] for m in loop_hub.received(qingshan, wait=0)] == [{"what": "青山镇"}]
    assert loop_hub.received(chengguan, wait=0) == []


def test_an_event_without_a_unit_reaches_every_viewer_of_the_topic(loop_hub, user, django_capture_on_commit_callbacks):
    viewers = [loop_hub.subscribe(user(n)) for n in ("zhiban", "qingshan_xxy", "chengguan_xxy")]
    with django_capture_on_commit_callbacks(execute=True):
        publish_module.publish(TOPIC, {"all": True})
    assert [len(loop_hub.received(v)) for v in viewers] == [1, 1, 1]


def test_nothing_is_announced_for_a_change_that_is_rolled_back(loop_hub, user):
    desk = loop_hub.subscribe(user("zhiban"))
    with pytest.raises(RuntimeError), transaction.atomic():
        publish_module.publish(TOPIC, {"lost": True})
        raise RuntimeError("the change fails")
    assert loop_hub.received(desk) == [] and not Event.objects.filter(data={"lost": True}).exists()


def test_a_user_without_the_topic_permission_gets_no_viewer(user):
    register_topic(TOPIC, "incidents.desk")
    try:
        assert viewer_for(user("qingshan_xxy"), TOPICS[TOPIC], "zh-hans") is None
        assert viewer_for(user("zhiban"), TOPICS[TOPIC], "zh-hans") is not None
    finally:
        TOPICS.pop(TOPIC, None)


def test_unregistered_topics_are_refused(db):
    with pytest.raises(KeyError):
        publish_module.publish("no.such.topic", {})


def test_a_snapshot_is_computed_once_for_all_viewers_alike(monkeypatch, user):
    calls = []
    register_topic(TOPIC, "incidents.desk", sees_all=lambda u: True,
                   snapshot=lambda u: calls.append(u.username) or {"n": len(calls)})
    running = LoopThread(monkeypatch)
    monkeypatch.setattr(hub_module, "_job", lambda function, args: function(*args))  # same thread's connection
    try:
        viewers = [running.subscribe(user(n)) for n in ("zhiban", "yingjiban", "zhihui")]

        async def snapshots():
            return await asyncio.gather(*(running.hub.snapshot(v, 7) for v in viewers))

        assert running.call(snapshots()) == [(7, b'{"n":1}')] * 3 and len(calls) == 1
    finally:
        running.close()
        TOPICS.pop(TOPIC, None)


def test_a_reader_far_behind_is_ended_so_it_resumes(loop_hub, user):
    desk = loop_hub.subscribe(user("zhiban"))
    for n in range(hub_module.QUEUE_SIZE + 5):
        loop_hub.hub.deliver_threadsafe({"id": -1 - n, "topic": TOPIC, "unit": "", "data": {}})
    items = loop_hub.received(desk)
    assert desk.overflowed and items[-1] is None
