"""`countydesk serve` stops when told to, even while its worker process is still starting."""

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..conftest import free_port

ROOT = Path(__file__).resolve().parents[2]


def test_a_server_told_to_stop_while_starting_stops():
    with tempfile.TemporaryDirectory(prefix="countydesk-serve-") as tmp:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
            "COUNTYDESK_VAR": tmp, "WEB_STOP_SECONDS": "2", "LOG_LEVEL": "ERROR",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path])}
        server = subprocess.Popen([sys.executable, "-m", "countydesk.cli", "serve", "--no-worker", "--port",
                                   str(free_port())], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True,
                                  start_new_session=True)
        try:
            assert server.stdout.readline().startswith("CountyDesk on http")
            time.sleep(0.2)  # granian is spawning its worker, which imports Django for seconds
            server.terminate()
            assert server.wait(timeout=30) is not None
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)  # granian's worker too, should the test fail
