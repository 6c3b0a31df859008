"""A real threaded WSGI server and a tiny cookie-keeping HTTP client for concurrency tests."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlencode

from werkzeug.serving import make_server


def buffered(app):
    """Wrap a WSGI app so each response body is read (and its file closed) before it is sent.

    Werkzeug's development server does not close a response's iterable when the client drops
    the connection mid-response (a browser going offline while a static file is sent), which
    leaves the file open and raises a ResourceWarning in a later test. Buffering closes it first.
    The app streams nothing, so this changes no response.
    """
    def wrapped(environ, start_response):
        iterable = app(environ, start_response)
        try:
            return [b"".join(iterable)]
        finally:
            if hasattr(iterable, "close"):
                iterable.close()
    return wrapped


@contextmanager
def live_server(app) -> Iterator[int]:
    """Serve ``app`` on a free port in a thread (one thread per request); yield the port."""
    server = make_server("127.0.0.1", 0, buffered(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        thread.join(5)


class Client:
    """One browser: keeps the session cookie, sends the API's fetch header."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookie = ""
        self.cookies: dict[str, str] = {}  # every cookie the server set (session, device ...)

    def request(self, method: str, path: str, body=None, form: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"X-Requested-With": "fetch"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        data = None
        if form is not None:
            data = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body)
            headers["Content-Type"] = "application/json"
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            raw = response.read()
            for cookie in response.msg.get_all("Set-Cookie") or []:
                name, _, value = cookie.split(";", 1)[0].partition("=")
                self.cookies[name] = value
            self.cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items() if v)
            ctype = response.getheader("Content-Type") or ""
            payload = json.loads(raw) if ctype.startswith("application/json") else raw
            return response.status, payload
        finally:
            conn.close()

    def login(self, login: str, password: str = "matkhau123") -> None:
        status, _ = self.request("POST", "/dang-nhap", form={"login": login, "password": password})
        assert status == 302, "login failed"


def in_parallel(calls: list[Callable[[], object]]) -> list[object]:
    """Run every call in its own thread, released together by a barrier; return results."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        barrier.wait()
        try:
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - reported to the test as a result
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results
