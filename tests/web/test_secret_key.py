"""The generated secret key is one key for every process that starts at the same moment."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_processes_starting_together_share_one_generated_key():
    with tempfile.TemporaryDirectory(prefix="countydesk-key-") as tmp:
        env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"} | {
            "COUNTYDESK_VAR": tmp, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path])}
        started = [subprocess.Popen([sys.executable, "-c", "from countydesk import settings; print(settings.SECRET_KEY)"],
                                    env=env, stdout=subprocess.PIPE, text=True) for _ in range(8)]
        keys = {process.communicate(timeout=60)[0].strip() for process in started}
        assert len(keys) == 1 and keys == {(Path(tmp) / "secret_key").read_text().strip()}
