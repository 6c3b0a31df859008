"""Shared fixtures. Every test using ``app`` runs on SQLite and on PostgreSQL.

PostgreSQL comes from TEST_DATABASE_URL (default: the local server's ``test`` database).
Under CI=true an unreachable PostgreSQL fails the run; elsewhere its tests are skipped
with a loud message at the end of the run.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

from contest import create_app
from contest.extensions import db
from question_bank.models import REFORM_AREAS

pytest_plugins = ["tests.factories"]  # make_user, make_round, world, ...: one set of factories

ROOT = Path(__file__).resolve().parents[1]
AREAS = REFORM_AREAS  # browser fixtures seed their own databases with these

PG_URL = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
ON_CI = os.environ.get("CI", "").lower() == "true"
_schemas: dict[str, str] = {}
_pg_problem: list[str] = []


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--db", choices=["all", "sqlite", "postgresql"], default="all",
                     help="Run database tests on one backend only.")


def pg_reachable() -> bool:
    if _pg_problem:
        return False
    try:
        engine = sa.create_engine(PG_URL)
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        engine.dispose()
        return True
    except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
        _pg_problem.append(f"{type(error).__name__}: {error}".splitlines()[0])
        return False


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        choice = metafunc.config.getoption("--db")
        backends = ["sqlite", "postgresql"] if choice == "all" else [choice]
        if "postgres_only" in metafunc.definition.keywords:
            backends = [b for b in backends if b == "postgresql"]
        metafunc.parametrize("backend", backends, scope="session")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if _pg_problem:
        bar = "!" * 78
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line(
            f"PostgreSQL NOT REACHABLE at {PG_URL}: its tests were SKIPPED.", red=True, bold=True
        )
        terminalreporter.write_line(f"  {_pg_problem[0]}", red=True)
        terminalreporter.write_line(bar, red=True, bold=True)


def _database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.getbasetemp() / 'test.sqlite'}"
    if not pg_reachable():
        message = f"PostgreSQL not reachable at {PG_URL}: {_pg_problem[0]}"
        if ON_CI:
            pytest.fail(message + " (CI=true: PostgreSQL tests must run)", pytrace=False)
        pytest.skip(message)
    return PG_URL


def _create_schema(app) -> None:
    with app.app_context():
        db.drop_all()
        db.create_all()
        from question_bank.models import ReformArea

        db.session.add_all(
            ReformArea(id=i, name=name, position=i)
            for i, name in enumerate(REFORM_AREAS, start=1)
        )
        db.session.commit()


def _clean(app) -> None:
    """Empty every table except the reference rows."""
    tables = [t for t in reversed(db.metadata.sorted_tables) if t.name != "reform_area"]
    with app.app_context():
        db.session.rollback()
        if db.engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            db.session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                db.session.execute(table.delete())
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return _database_url(backend, tmp_path_factory)


@pytest.fixture
def app_config(database_url: str, tmp_path) -> dict:
    """Settings for a test app; tests may update it before ``app`` is built."""
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        # scrypt costs ~0.1 s a hash; tests that check the real KDF set it back.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "SECRET_KEY": "test-secret",
        "REDIS_URL": "",
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "SERVER_NAME": None,
    }


@pytest.fixture
def app(app_config: dict):
    app = create_app(app_config)
    url = app_config["SQLALCHEMY_DATABASE_URI"]
    if url not in _schemas:
        _create_schema(app)
        _schemas[url] = "ready"
    with app.app_context():
        yield app
    _clean(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early (exit {process.returncode})")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not start")


@pytest.fixture
def start_server(database_url, tmp_path):
    """Factory: start a gunicorn process on a free port; returns its base URL."""
    processes: list[subprocess.Popen] = []
    logs: list = []

    def start(workers: int = 1, **env_extra: str) -> tuple[str, subprocess.Popen]:
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "shared-test-secret",
            "PYTHONPATH": str(ROOT),
            **env_extra,
        }
        log = open(tmp_path / f"server-{port}.log", "w")  # noqa: SIM115 - closed at teardown
        logs.append(log)
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}",
             "--graceful-timeout", "2", "contest:create_app()"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        processes.append(process)
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url, process)
        return url, process

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for log in logs:
        log.close()


class AuthActions:
    def __init__(self, client) -> None:
        self._client = client

    def login(self, user_or_login, password: str = "matkhau123"):
        login = getattr(user_or_login, "login", user_or_login)
        return self._client.post("/dang-nhap", data={"login": login, "password": password})

    def logout(self):
        return self._client.post("/dang-xuat")


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)
