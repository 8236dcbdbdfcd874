import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve CountyDesk over HTTP (ASGI, uvicorn); in the embedded set-up also start a background worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--workers", type=int, default=1, help="web server processes")
        parser.add_argument("--no-worker", action="store_true", help="do not start the background worker")

    def handle(self, *args, **options):
        import uvicorn

        worker = None
        if not options["no_worker"] and not settings.HUEY.get("immediate"):
            worker = subprocess.Popen([sys.executable, "-m", "countydesk.cli", "worker"])
        self.stdout.write(f"CountyDesk on http://{options['host']}:{options['port']}/", ending="\n")
        self.stdout.flush()
        try:
            uvicorn.run(
                "countydesk.asgi:application",
                host=options["host"],
                port=options["port"],
                workers=options["workers"],
                log_level=os.environ.get("LOG_LEVEL", "warning").lower(),
                lifespan="off",
            )
        finally:
            if worker is not None:
                worker.send_signal(signal.SIGINT)
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
