"""The `countydesk` command on a real SQLite file, as an operator runs it."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def _countydesk(var: Path, *args, check=True):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"COUNTYDESK_VAR": str(var)}
    return subprocess.run([sys.executable, "-m", "countydesk.cli", *args], env=env, capture_output=True, text=True,
                          check=check, timeout=120)


@pytest.fixture(scope="module")
def demo_var(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    _countydesk(var, "migrate", "--noinput", "-v0")
    out = _countydesk(var, "demo", "--seed", "7").stdout
    assert json.loads(out.splitlines()[0])["units"] > 100
    return var


def _units(var: Path):
    with sqlite3.connect(var / "countydesk.sqlite3") as db:
        return db.execute("SELECT name, code, lat, lon, duty_phone FROM orgs_unit ORDER BY id").fetchall()


def test_demo_is_deterministic_and_refuses_a_full_database(demo_var, tmp_path):
    _countydesk(tmp_path, "migrate", "--noinput", "-v0")
    _countydesk(tmp_path, "demo", "--seed", "7", "--quiet")
    assert _units(tmp_path) == _units(demo_var)
    again = _countydesk(tmp_path, "demo", "--seed", "7", check=False)
    assert again.returncode != 0 and "empty database" in again.stderr
    assert _countydesk(tmp_path, "demo", "--if-empty").returncode == 0


def test_other_seeds_give_another_county(demo_var, tmp_path):
    _countydesk(tmp_path, "migrate", "--noinput", "-v0")
    _countydesk(tmp_path, "demo", "--seed", "8", "--quiet")
    assert _units(tmp_path) != _units(demo_var)


def test_audit_verify_catches_an_edited_and_a_deleted_row(demo_var, tmp_path):
    import shutil

    for suffix in ("", "-wal", "-shm"):
        src = demo_var / f"countydesk.sqlite3{suffix}"
        if src.exists():
            shutil.copy(src, tmp_path / src.name)
    shutil.copy(demo_var / "secret_key", tmp_path / "secret_key")
    ok = _countydesk(tmp_path, "audit", "verify")
    assert json.loads(ok.stdout)["ok"] is True
    db = sqlite3.connect(tmp_path / "countydesk.sqlite3")
    db.execute("UPDATE audit_auditevent SET actor_name = 'mallory' WHERE seq = 42")
    db.commit()
    edited = _countydesk(tmp_path, "audit", "verify", check=False)
    assert edited.returncode != 0 and "row 42" in edited.stderr
    db.execute("UPDATE audit_auditevent SET actor_name = 'system' WHERE seq = 42")
    db.execute("DELETE FROM audit_auditevent WHERE seq = 17")
    db.commit()
    deleted = _countydesk(tmp_path, "audit", "verify", check=False)
    assert deleted.returncode != 0 and "row 17" in deleted.stderr


def test_createadmin_makes_a_working_administrator(demo_var, tmp_path):
    import shutil

    shutil.copy(demo_var / "countydesk.sqlite3", tmp_path / "countydesk.sqlite3")
    for suffix in ("-wal", "-shm"):
        if (demo_var / f"countydesk.sqlite3{suffix}").exists():
            shutil.copy(demo_var / f"countydesk.sqlite3{suffix}", tmp_path / f"countydesk.sqlite3{suffix}")
    result = _countydesk(tmp_path, "createadmin", "chief", "--password", "Strong-pass-2026")
    assert "chief" in result.stdout
    weak = _countydesk(tmp_path, "createadmin", "chief2", "--password", "123", check=False)
    assert weak.returncode != 0
