"""The server's ASGI application: event streams from async code, every other request to the WSGI app.

Pages stay synchronous Django behind a2wsgi's thread pool (the same threads granian's WSGI mode would
give them, no sync_to_async hop through one shared thread); only the event-stream paths run on the loop.
"""

import asyncio
import os
import signal

from a2wsgi import WSGIMiddleware

from . import sse
from .hub import HUB


def with_event_streams(wsgi_application, threads: int | None = None):
    pages = WSGIMiddleware(wsgi_application, workers=threads or int(os.environ.get("WEB_THREADS", 8)))

    async def application(scope, receive, send):
        if scope["type"] == "http" and scope["path"].startswith(sse.PREFIX):
            await sse.serve(scope, receive, send)
        elif scope["type"] == "lifespan":
            await _lifespan(receive, send)
        else:
            # a2wsgi hands `receive()` to asyncio.run_coroutine_threadsafe, which wants a coroutine;
            # granian's receive returns another kind of awaitable.
            async def body():
                return await receive()

            await pages(scope, body, send)

    return application


async def _lifespan(receive, send):
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await HUB.start()
            _close_streams_on_stop(asyncio.get_running_loop())
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            HUB.close()
            await send({"type": "lifespan.shutdown.complete"})
            return


def _close_streams_on_stop(loop):
    """End the open streams as soon as the server is told to stop.

    granian waits for every open response to finish before it ends the lifespan, and a stream never finishes
    by itself; so its stop signals are chained here: first the streams close, then granian's own handler runs.
    """
    handlers = getattr(loop, "_signal_handlers", {})  # asyncio's own loop; without it the streams end at exit
    for number in (signal.SIGINT, signal.SIGTERM):
        server_handle = handlers.get(number)
        if server_handle is None:
            continue

        def stop(handle=server_handle):
            HUB.close()
            handle._run()

        loop.add_signal_handler(number, stop)
