"""The event-stream endpoint (服务器推送): GET /events/<topic>, served from async code.

An open page costs one task on the server's event loop and a queue, not a thread. The session cookie
authenticates the stream; `retry:` tells the browser how soon to reconnect, a comment line every
KEEPALIVE_SECONDS keeps proxies from closing an idle stream, and a browser that reconnects sends back the
last id it saw (Last-Event-ID): a snapshot topic then gets the fresh state if anything changed meanwhile,
any other topic the events it missed.
"""

import asyncio
import contextlib
from importlib import import_module

import orjson
from django.conf import settings
from django.contrib import auth
from django.http import HttpRequest, parse_cookie
from django.http.request import split_domain_port, validate_host
from django.utils import translation

from countydesk.core.events.models import Event

from .hub import HUB, Subscription
from .topics import TOPICS, viewer_for

PREFIX = "/events/"
RETRY_MS = 2000
KEEPALIVE_SECONDS = 15
REPLAY_LIMIT = 500
HEADERS = [(b"content-type", b"text/event-stream; charset=utf-8"), (b"cache-control", b"no-cache"),
           (b"x-accel-buffering", b"no"), (b"x-content-type-options", b"nosniff")]


def stream_url(topic: str) -> str:
    return PREFIX + topic


async def serve(scope, receive, send, hub=HUB):
    topic = TOPICS.get(scope["path"][len(PREFIX):])
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
    if topic is None or scope["method"] != "GET":
        return await _plain(send, 404, b"no such event stream")
    if not validate_host(split_domain_port(headers.get("host", ""))[0], settings.ALLOWED_HOSTS):
        return await _plain(send, 400, b"this host name is not served here")
    await hub.start()
    viewer = await hub.run(_authenticate, headers, topic)
    if viewer is None:
        return await _plain(send, 403, b"sign in with a role that may follow this stream")
    subscription = hub.subscribe(topic, viewer)
    watcher = asyncio.create_task(_watch_disconnect(receive, subscription))
    try:
        await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
        await _chunk(send, f"retry: {RETRY_MS}\n\n".encode())
        for frame in await _backlog(hub, subscription, _last_event_id(headers)):
            await _chunk(send, frame)
        await _follow(hub, subscription, send)
        with contextlib.suppress(Exception):
            await send({"type": "http.response.body", "body": b"", "more_body": False})
    except OSError:
        pass  # the client went away mid-write
    finally:
        hub.unsubscribe(subscription)
        watcher.cancel()


async def _follow(hub, subscription: Subscription, send):
    """Write each event as it arrives (a snapshot topic: the latest state), until the stream ends."""
    queue = subscription.queue
    while True:
        try:
            message = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
        except TimeoutError:
            await _chunk(send, b": keep-alive\n\n")
            continue
        while message is not None and subscription.topic.snapshot and not queue.empty():
            message = queue.get_nowait()  # a burst of changes needs one fresh state
        if message is None:
            return
        if subscription.topic.snapshot:
            await _chunk(send, _frame(subscription.topic.event, *await hub.snapshot(subscription, message["id"])))
        else:
            await _chunk(send, _frame(subscription.topic.event, message["id"], orjson.dumps(message["data"])))


async def _backlog(hub, subscription: Subscription, last: int | None) -> list[bytes]:
    topic = subscription.topic
    if topic.snapshot:
        latest = await hub.run(_latest_id, topic.name)
        if last == latest:
            return []
        return [_frame(topic.event, *await hub.snapshot(subscription, latest))]
    if last is None:
        return []
    missed = await hub.run(_missed, topic.name, last)
    return [_frame(topic.event, m["id"], orjson.dumps(m["data"])) for m in missed
            if subscription.viewer.sees(m["unit"])]


def _latest_id(topic: str) -> int:
    return Event.objects.filter(topic=topic).order_by("-id").values_list("id", flat=True).first() or 0


def _missed(topic: str, last: int) -> list[dict]:
    return [e.message() for e in Event.objects.filter(topic=topic, id__gt=last).order_by("id")[:REPLAY_LIMIT]]


def _authenticate(headers: dict, topic):
    """The stream's viewer from the session cookie, as Django's session and auth middleware would find it."""
    request = HttpRequest()
    request.META = {"HTTP_COOKIE": headers.get("cookie", ""), "HTTP_ACCEPT_LANGUAGE": headers.get("accept-language", "")}
    request.COOKIES = parse_cookie(request.META["HTTP_COOKIE"])
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return None
    request.session = import_module(settings.SESSION_ENGINE).SessionStore(key)
    user = auth.get_user(request)
    if not user.is_authenticated:
        return None
    return viewer_for(user, topic, translation.get_language_from_request(request))


def _last_event_id(headers: dict) -> int | None:
    value = headers.get("last-event-id", "").strip()
    return int(value) if value.isdigit() else None


def _frame(event: str, event_id: int, data: bytes) -> bytes:
    return b"id: %d\nevent: %s\ndata: %s\n\n" % (event_id, event.encode(), data)


async def _chunk(send, body: bytes):
    await send({"type": "http.response.body", "body": body, "more_body": True})


async def _plain(send, status: int, body: bytes):
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
    await send({"type": "http.response.body", "body": body})


async def _watch_disconnect(receive, subscription: Subscription):
    while (await receive())["type"] != "http.disconnect":
        pass
    subscription.put(None)
