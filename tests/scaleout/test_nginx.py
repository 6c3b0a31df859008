"""deploy/nginx.conf, as written, in front of two gunicorn processes: the arrival stamp reaches
the app, static files are gzipped and cached, uploads are limited, and after a worker is
killed its replacement gets its share of the load again."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT, free_port, wait_until_up
from tests.scaleout.test_two_processes import login

pytestmark = pytest.mark.postgres_only
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MAIN = """daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/site.conf;
}}
"""


def nginx_or_skip() -> None:
    if Path(NGINX).exists():
        return
    message = f"NGINX NOT FOUND at {NGINX}: the reverse-proxy tests did not run"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip("!!! " + message + " !!!")


class Site:
    """nginx on a free port in front of two single-worker gunicorn masters (access-logged)."""

    def __init__(self, tmp: Path, database_url: str) -> None:
        self.tmp, self.database_url = tmp, database_url
        self.ports = [free_port(), free_port()]
        self.masters: list[subprocess.Popen] = []
        self.logs: list = []

    def start(self) -> str:
        for port in self.ports:
            env = {**os.environ, "DATABASE_URL": self.database_url, "PYTHONPATH": str(ROOT),
                   "SECRET_KEY": "shared-test-secret", "TRUSTED_PROXIES": "127.0.0.1",
                   "REDIS_URL": ""}
            log = open(self.tmp / f"gunicorn-{port}.log", "w")  # noqa: SIM115 - closed in stop
            self.logs.append(log)
            self.masters.append(subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}",
                 "--keep-alive", "75", "--graceful-timeout", "2",
                 "--access-logfile", str(self.tmp / f"access-{port}.log"),
                 "contest:create_app()"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
        for port, master in zip(self.ports, self.masters, strict=True):
            wait_until_up(f"http://127.0.0.1:{port}", master)
        self.port = free_port()
        site = (ROOT / "deploy" / "nginx.conf").read_text()
        site = site.replace("listen 80;", f"listen 127.0.0.1:{self.port};")
        site = site.replace("127.0.0.1:8001", f"127.0.0.1:{self.ports[0]}")
        site = site.replace("127.0.0.1:8002", f"127.0.0.1:{self.ports[1]}")
        site = site.replace("/srv/contest/static/", f"{ROOT / 'static'}/")
        (self.tmp / "site.conf").write_text(site)
        (self.tmp / "nginx.conf").write_text(MAIN.format(tmp=self.tmp))
        check = subprocess.run([NGINX, "-t", "-c", str(self.tmp / "nginx.conf")],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        self.nginx = subprocess.Popen([NGINX, "-c", str(self.tmp / "nginx.conf")],
                                      stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        wait_until_up(self.base, self.nginx)
        return self.base

    def served(self, index: int) -> int:
        """How many requests the ``index``-th gunicorn process has logged."""
        path = self.tmp / f"access-{self.ports[index]}.log"
        return len(path.read_text().splitlines()) if path.exists() else 0

    def stop(self) -> None:
        for process in [getattr(self, "nginx", None), *self.masters]:
            if process is not None and process.poll() is None:
                process.terminate()
        for process in [getattr(self, "nginx", None), *self.masters]:
            if process is not None:
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        for log in self.logs:
            log.close()


@pytest.fixture
def site(database_url, tmp_path, app):
    nginx_or_skip()
    running = Site(tmp_path, database_url)
    try:
        running.start()
        yield running
    finally:
        running.stop()


def test_static_files_are_gzipped_and_cached_and_uploads_limited(site):
    css = requests.get(f"{site.base}/static/css/app.css", headers={"Accept-Encoding": "gzip"})
    assert css.status_code == 200 and css.headers["Content-Encoding"] == "gzip"
    assert "max-age=86400" in css.headers["Cache-Control"]
    font = requests.head(f"{site.base}/static/fonts/DejaVuSans.ttf")
    assert "max-age=31536000" in font.headers["Cache-Control"]
    page = requests.get(f"{site.base}/dang-nhap", headers={"Accept-Encoding": "gzip"})
    assert page.status_code == 200 and page.headers.get("Content-Encoding") == "gzip"
    too_big = requests.post(f"{site.base}/dang-nhap", data=b"x" * (11 * 1024 * 1024))
    assert too_big.status_code == 413
    # Static files and the refused upload come from nginx itself (the app adds its CSP to
    # every response it makes); the page comes from the app.
    assert "Content-Security-Policy" not in css.headers
    assert "Content-Security-Policy" not in too_big.headers and "nginx" in too_big.text
    assert "Content-Security-Policy" in page.headers


def test_the_app_judges_on_the_arrival_nginx_stamps(site, make_user, make_round, make_entrant):
    entrant = make_user()
    round_ = make_round()
    make_entrant(entrant, round_.contest)
    session = requests.Session()
    assert login(session, site.base, entrant.phone, "matkhau123").status_code == 302
    fetch = {"X-Requested-With": "fetch"}
    attempt = session.post(f"{site.base}/api/v1/rounds/{round_.id}/attempts",
                           headers=fetch).json()["attempt_id"]

    def answered_at(base: str, position: int, headers: dict) -> datetime:
        response = session.put(f"{base}/api/v1/attempts/{attempt}/answers/{position}",
                               json={"selected": [0]}, headers={**fetch, **headers})
        assert response.status_code == 200, response.text
        return datetime.fromisoformat(response.json()["answered_at"].replace("Z", "+00:00"))

    # nginx's $msec has millisecond resolution; the app's own stamp has microseconds.
    stamped = [answered_at(site.base, p, {"X-Request-Start": "t=1"}) for p in (1, 2, 3)]
    assert all(at.microsecond % 1000 == 0 for at in stamped)  # the client's header was replaced
    assert all(abs((datetime.now(at.tzinfo) - at).total_seconds()) < 5 for at in stamped)
    direct = f"http://127.0.0.1:{site.ports[0]}"  # no proxy: the process's own stamp
    own = [answered_at(direct, p, {}) for p in (4, 5, 4)]
    assert any(at.microsecond % 1000 for at in own)
    assert all(abs((datetime.now(at.tzinfo) - at).total_seconds()) < 5 for at in own)


def test_load_returns_to_a_replaced_worker(site):
    def burst(count: int) -> None:
        with requests.Session() as session:  # one keep-alive client, like a phone
            for _ in range(count):
                assert session.get(f"{site.base}/healthz").status_code == 200

    burst(20)
    assert min(site.served(0), site.served(1)) >= 5  # both processes share the load
    worker = subprocess.run(["pgrep", "-P", str(site.masters[0].pid)], capture_output=True,
                            text=True).stdout.split()
    assert len(worker) == 1
    os.kill(int(worker[0]), signal.SIGKILL)  # the worker dies; its master starts another
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        children = subprocess.run(["pgrep", "-P", str(site.masters[0].pid)],
                                  capture_output=True, text=True).stdout.split()
        if children and children != worker:
            break
        time.sleep(0.2)
    wait_until_up(f"http://127.0.0.1:{site.ports[0]}", site.masters[0])
    before = [site.served(0), site.served(1)]
    burst(40)
    for _ in range(30):  # gunicorn writes its access line just after the response
        new = [site.served(0) - before[0], site.served(1) - before[1]]
        if sum(new) >= 40:
            break
        time.sleep(0.1)
    assert sum(new) >= 40 and min(new) >= 10, new  # the replacement serves its share
    log = (site.tmp / "error.log").read_text() if (site.tmp / "error.log").exists() else ""
    assert not re.search(r"\[(alert|emerg)\]", log), log
