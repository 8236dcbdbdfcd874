"""`make bench`: every benchmark, one JSON line per figure on stdout, progress on stderr."""

import os
import subprocess
import sys
from pathlib import Path

from . import bench_web
from .harness import progress

HERE = Path(__file__).resolve().parent


def main():
    bench_web.run(None, "sqlite")
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        bench_web.run(os.environ["DATABASE_URL"], "postgres")
    for script in sorted(HERE.glob("bench_*.py")):
        if script.stem != "bench_web":
            progress(f"running {script.name} …")
            subprocess.run([sys.executable, str(script)], check=True)


if __name__ == "__main__":
    main()
