import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    """Pages and API are served over WSGI by granian.

    Measured here: Django under ASGI runs every synchronous view through one shared thread
    (sync_to_async, thread-sensitive), which cost ~3 ms a request and serialised all requests;
    WSGI with blocking threads answers the same bare view in a third of the time.
    """

    help = "Serve CountyDesk over HTTP (granian, WSGI); in the embedded set-up also start a background worker."

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
        self.stdout.write(f"CountyDesk on http://{options['host']}:{options['port']}/")
        self.stdout.flush()
        try:
            Granian(
                "countydesk.wsgi:application",
                address=options["host"],
                port=options["port"],
                interface=Interfaces.WSGI,
                workers=options["workers"],
                blocking_threads=options["threads"],
                log_level=LogLevels(os.environ.get("LOG_LEVEL", "warning").lower()),
            ).serve()
        finally:
            if worker is not None:
                worker.send_signal(signal.SIGINT)
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
