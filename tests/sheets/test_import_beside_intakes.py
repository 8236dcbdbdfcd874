"""Bulk imports never hold up the intake of an emergency (issue 12, item 5).

A served county (one `countydesk serve` process over a copy of the demo test database: SQLite in WAL mode, or
PostgreSQL) takes signed intakes while a large file goes in, through `countydesk import teams` in a process of
its own and through POST /api/news/import on the served process itself. Every intake posted meanwhile must be
acknowledged (201/202) within its normal latency; before imports were written in short batches, each waited
for the import's one transaction and answered 500 after the busy timeout.
"""

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from openpyxl import Workbook, load_workbook

from ..conftest import ensure_demo
from ..core.test_events_served import _copy_database, _drop_copy, _free_port
from ..incidents.conftest import _cli, _wait_up, payload, sign

ROOT = Path(__file__).resolve().parents[2]
TEAM_ROWS = int(os.environ.get("TEST_IMPORT_TEAM_ROWS", 150))
NEWS_ROWS = 600  # a file of some seconds; news.services.MAX_UPLOAD_ITEMS is the most one upload may carry
SLOWEST_ACK = 2.0  # seconds; an intake answers in tens of milliseconds, a blocked one after the 20 s busy timeout
pytestmark = pytest.mark.django_db  # the demo test database must exist before it is copied


@dataclass
class County:
    env: dict
    url: str
    client: tuple[str, str]
    token: str
    folder: Path

    def post_intake(self) -> tuple[int, float]:
        body = json.dumps(payload(external_id=f"beside-import-{uuid.uuid4().hex}", received_at=_now()),
                          ensure_ascii=False)
        headers = sign(self.client[1], body.encode()) | {"X-CountyDesk-Client": self.client[0],
                                                         "content-type": "application/json"}
        started = time.monotonic()
        answer = httpx.post(f"{self.url}/api/intake/110", content=body.encode(), headers=headers, timeout=60)
        return answer.status_code, time.monotonic() - started


def _now() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat()


@pytest.fixture(scope="module")
def county(django_db_setup, django_db_blocker):
    with tempfile.TemporaryDirectory(prefix="countydesk-import-") as tmp, django_db_blocker.unblock():
        ensure_demo()
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | _copy_database(Path(tmp)) | {
            "COUNTYDESK_VAR": tmp, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path]), "LOG_LEVEL": "ERROR"}
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "countydesk.cli", "serve", "--no-worker", "--port", str(port)],
                                  env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            client = json.loads(_cli(env, "clients", "add", "导入期间接报", "--channel", "110"))
            token = json.loads(_cli(env, "token", "issue", "xinxike", "导入测试"))["token"]
            url = f"http://127.0.0.1:{port}"
            _wait_up(url)
            yield County(env, url, (client["client_id"], client["secret"]), token, Path(tmp))
        finally:
            server.terminate()
            server.wait(timeout=20)
            _drop_copy(env)


def _intakes_while(county: County, running) -> list[tuple[int, float]]:
    """Post an intake every 0.05 s for as long as `running()`; (status, seconds) of each."""
    answers = []
    while running():
        answers.append(county.post_intake())
        time.sleep(0.05)
    return answers


def _normal_latency(county: County) -> float:
    return max(county.post_intake()[1] for _ in range(5))


def _assert_acknowledged(answers, normal: float, lasted: float):
    refused = [a for a in answers if a[0] not in (201, 202)]
    assert not refused, f"{len(refused)} of {len(answers)} intakes refused: {refused[:5]}"
    slowest = max(seconds for _, seconds in answers)
    assert slowest <= max(SLOWEST_ACK, 5 * normal), (
        f"slowest intake {slowest:.2f} s (normal {normal:.3f} s) during an import of {lasted:.1f} s")
    assert len(answers) >= 5, f"the import lasted {lasted:.1f} s, too short to overlap the intakes"


def _teams_file(county: County, rows: int) -> Path:
    exported = county.folder / "teams-export.xlsx"
    _cli(county.env, "export", "teams", "-o", str(exported))
    header, model = [list(r) for r in load_workbook(exported).active.iter_rows(values_only=True, max_row=2)]
    model[-1] = None  # no ID: every row adds a team
    book = Workbook()
    book.active.append(header)
    for n in range(rows):
        book.active.append([f"导入测试救援队{n}", *model[1:]])
    path = county.folder / "teams.xlsx"
    book.save(path)
    return path


def test_intakes_are_acknowledged_during_a_large_teams_import(county):
    path = _teams_file(county, TEAM_ROWS)
    normal = _normal_latency(county)
    started = time.monotonic()
    importer = subprocess.Popen([sys.executable, "-m", "countydesk.cli", "import", "teams", str(path)],
                                env=county.env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    answers = _intakes_while(county, lambda: importer.poll() is None)
    out, err = importer.communicate(timeout=600)
    lasted = time.monotonic() - started
    assert importer.returncode == 0, err[-2000:]
    report = json.loads(out)
    assert report["created"] == TEAM_ROWS and report["rows_imported"] == TEAM_ROWS
    assert f"written {TEAM_ROWS}/{TEAM_ROWS} rows" in err  # the progress on stderr
    _assert_acknowledged(answers, normal, lasted)


def test_intakes_are_acknowledged_during_a_large_news_upload(county):
    lines = ["标题,正文,来源,媒体,日期,链接"] + [
        f"青山镇防汛工作简讯{n},青山镇组织干部群众巡查河堤第{n}段,网络,云溪新闻网,2026-11-20,https://news.example/beside/{n}"
        for n in range(NEWS_ROWS)]
    content = "\n".join(lines).encode()
    normal = _normal_latency(county)
    outcome = {}

    def upload():
        outcome["answer"] = httpx.post(f"{county.url}/api/news/import", files={"file": ("news.csv", content)},
                                       headers={"Authorization": f"Bearer {county.token}"}, timeout=600)

    started = time.monotonic()
    uploader = threading.Thread(target=upload)
    uploader.start()
    answers = _intakes_while(county, uploader.is_alive)
    lasted = time.monotonic() - started
    assert outcome["answer"].status_code == 201, outcome["answer"].text[:500]
    assert len(outcome["answer"].json()["created"]) == NEWS_ROWS
    _assert_acknowledged(answers, normal, lasted)
