"""When a request arrived, so lateness is judged on arrival rather than on processing.

At the deadline every entrant saves and submits at once; requests then wait in queues (the
proxy's, the listen backlog, the worker pool) and a worker may pick up at 00:02 a submit that
reached the site at 23:59. Each request is therefore stamped at the edge:

- behind a trusted proxy (``TRUSTED_PROXIES``, ``contest/proxies.py``) its request-start header
  (nginx: ``proxy_set_header X-Request-Start "t=${msec}";``) is the arrival;
- otherwise the stamp the WSGI middleware below takes, the first thing this process does with
  the request.

A stamp is believed only within ``ARRIVAL_ALLOWANCE_SECONDS`` of processing: an arrival is never
later than now and never earlier than now minus the allowance, so a forged or stale header can
buy at most that much. Attempts are closed on behalf of time (pages, lists, the scheduler) only
once deadline + grace + allowance has passed, so nothing that arrived in time is still queued.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, current_app, has_request_context, request

from contest.extensions import utcnow
from contest.proxies import from_trusted_proxy

ENVIRON_KEY = "contest.arrived"  # seconds since the epoch, set by ArrivalStamp
HEADER = "X-Request-Start"
_NUMBER = re.compile(r"^\s*(?:t=)?(\d+(?:\.\d+)?)\s*$")


class ArrivalStamp:
    """WSGI middleware: stamp each request's arrival before Flask does anything with it."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        environ.setdefault(ENVIRON_KEY, time.time())
        return self.app(environ, start_response)


def init_arrival(app: Flask) -> None:
    app.wsgi_app = ArrivalStamp(app.wsgi_app)  # type: ignore[method-assign]


def parse_request_start(value: str | None) -> float | None:
    """Seconds since the epoch from ``t=1700000000.123`` (nginx ``$msec``), or the same in
    milliseconds or microseconds (other proxies); None for anything else."""
    match = _NUMBER.match(value or "")
    if not match:
        return None
    number = float(match.group(1))
    for scale in (1, 1e3, 1e6):  # a plausible epoch in seconds is below 1e10
        if number / scale < 1e10:
            return number / scale
    return None


def allowance() -> timedelta:
    """How long a request may have waited in queues and still be judged on its arrival."""
    return timedelta(seconds=current_app.config.get("ARRIVAL_ALLOWANCE_SECONDS", 30))


def arrived_at(now: datetime | None = None) -> datetime:
    """The current request's arrival, within [now - allowance, now]; ``now`` outside a request."""
    now = now or utcnow()
    if not has_request_context():
        return now
    stamp = request.environ.get(ENVIRON_KEY)
    if from_trusted_proxy():
        stamp = parse_request_start(request.headers.get(HEADER)) or stamp
    if stamp is None:
        return now
    try:
        arrived = datetime.fromtimestamp(float(stamp), UTC)
    except (OverflowError, OSError, ValueError):
        return now
    return min(now, max(arrived, now - allowance()))
