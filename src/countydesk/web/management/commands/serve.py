import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    """granian in ASGI mode runs countydesk.asgi: live event streams (core/events) on the event loop, pages and
    API through the WSGI application in a pool of `--threads` threads.

    Measured here: Django's own ASGI handler runs every synchronous view through one shared thread
    (sync_to_async, thread-sensitive), which cost ~3 ms a request and serialised all requests; so pages stay
    WSGI, and only the streams, which would otherwise hold a thread per open page, are async.
    """

    help = ("Serve CountyDesk over HTTP (granian: pages over WSGI threads, live updates async); in the embedded "
            "set-up also start a background worker.")

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", 1)),
                            help="web server processes")
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", 8)),
                            help="request threads per process")
        parser.add_argument("--no-worker", action="store_true", help="do not start the background worker")

    def handle(self, *args, **options):
        from granian import Granian
        from granian.constants import Interfaces
        from granian.log import LogLevels

        worker = None
        if not options["no_worker"] and not settings.HUEY.get("immediate"):
            worker = subprocess.Popen([sys.executable, "-m", "countydesk.cli", "worker"])
        os.environ["WEB_THREADS"] = str(options["threads"])  # read by countydesk.asgi in each server process
        self.stdout.write(f"CountyDesk on http://{options['host']}:{options['port']}/")
        self.stdout.flush()
        try:
            Granian(
                "countydesk.asgi:application",
                address=options["host"],
                port=options["port"],
                interface=Interfaces.ASGI,
                workers=options["workers"],
                # a stop signal arriving while a worker still starts is otherwise never answered (granian 2.8)
                workers_kill_timeout=int(os.environ.get("WEB_STOP_SECONDS", 20)),
                log_level=LogLevels(os.environ.get("LOG_LEVEL", "warning").lower()),
            ).serve()
        finally:
            if worker is not None:
                worker.send_signal(signal.SIGINT)
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
