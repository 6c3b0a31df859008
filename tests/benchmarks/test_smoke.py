"""Smoke runs of every benchmark script: each still works end to end at tiny sizes (no timing
asserted here), so none can rot unseen. The PostgreSQL ones build and drop their own scratch
database on the test server; the load ones serve a scratch SQLite database with gunicorn."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from benchmarks import (
    baseline_app,
    closeout_bench,
    fault_pg_client,
    import_bench,
    load_setup,
    loadgen,
    moodle_xml_bench,
    profile_start,
    ranking_bench,
)
from tests import conftest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "bench-smoke-secret"


@pytest.fixture
def pg_server() -> str:
    """The test PostgreSQL server (without a database name); skipped without one (not on CI)."""
    if not conftest.pg_reachable():
        if conftest.ON_CI:
            pytest.fail("PostgreSQL is required on CI")
        pytest.skip("PostgreSQL not reachable")
    return sa.engine.make_url(conftest.PG_URL).set(database="").render_as_string(
        hide_password=False).rstrip("/")


@pytest.fixture
def scratch_env(tmp_path, monkeypatch) -> str:
    """DATABASE_URL and SECRET_KEY for the scripts that read the environment."""
    url = f"sqlite:///{tmp_path / 'bench.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SECRET_KEY", SECRET)
    monkeypatch.setenv("REDIS_URL", "")
    return url


@contextmanager
def gunicorn(database_url: str, log: Path) -> Iterator[str]:
    port = conftest.free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": SECRET, "REDIS_URL": "",
           "PYTHONPATH": str(ROOT)}
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", "1", "--threads", "4", "-b",
             f"127.0.0.1:{port}", "contest:create_app()"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            conftest.wait_until_up(url, process)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_moodle_xml_bench_smoke(capsys):
    moodle_xml_bench.main(["--smoke"])
    out = capsys.readouterr().out
    assert "File: 50 questions" in out and "whole import into SQLite" in out


def test_import_bench_smoke(capsys):
    import_bench.main(["--smoke"])
    out = capsys.readouterr().out
    assert "File: 50 questions" in out and "whole import into SQLite" in out


def test_ranking_bench_smoke(capsys, pg_server):
    ranking_bench.main(["--smoke", "--server", pg_server,
                        "--database", f"bench_smoke_ranking_{os.getpid()}"])
    out = capsys.readouterr().out
    assert "loaded 2,000 attempts by 800 entrants" in out
    assert "ranked entrants:" in out and "in 2 groups" in out


def test_closeout_bench_smoke(capsys, pg_server):
    closeout_bench.main(["--smoke", "--server", pg_server,
                         "--database", f"bench_smoke_closeout_{os.getpid()}"])
    out = capsys.readouterr().out
    assert "open attempts in the closed round: 50" in out
    assert "rows: 50 attempts" in out and "close_out / bare UPDATE" in out


def test_baseline_app_smoke(capsys, scratch_env):
    baseline_app.main(["--smoke"])
    assert "baseline /insert: 200 {'saved': True}" in capsys.readouterr().out


def test_load_setup_profile_start_and_loadgen_smoke(capsys, scratch_env, tmp_path):
    data = tmp_path / "load.json"
    load_setup.main(["--smoke", "--out", str(data)])
    assert "6 entrants ready" in capsys.readouterr().out
    profile_start.main(["--smoke", "--data", str(data), "--skip", "3"])  # loadgen: the first 3
    assert "2 submits:" in capsys.readouterr().out
    with gunicorn(scratch_env, tmp_path / "server.log") as url:
        loadgen.main(["--smoke", "--data", str(data), "--base-url", url])
    report = capsys.readouterr().out
    assert '"phase": "start"' in report and '"phase": "submit"' in report


def test_fault_pg_client_smoke(capsys, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'fault.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SECRET_KEY", SECRET)
    data = str(tmp_path / "fault.json")
    fault_pg_client.main(["setup", "--smoke", "--out", data])
    with gunicorn(url, tmp_path / "fault-server.log") as base:
        fault_pg_client.main(["run", "--smoke", "--data", data, "--base-url", base])
    with pytest.raises(SystemExit) as verdict:
        fault_pg_client.main(["verify", "--data", data])
    assert verdict.value.code == 0
    assert "0 lost" in capsys.readouterr().out
