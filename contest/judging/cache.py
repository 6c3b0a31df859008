"""Cache leaderboard pages keyed by round, group, filter and a data version.

The data version changes whenever a result could change: an attempt finishes (count and
latest finish time of the round's finished attempts), a judge or organiser acts (the newest
audit entry), or the round's prediction truth or the contest's tie-break chain changes.
So stale pages are never served and nothing has to remember to invalidate them.
Values hold text in the reader's language (key labels, explanations), so the locale is part
of every key.
Redis is used when REDIS_URL is set (shared by every process), else an in-process LRU.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, cast

import sqlalchemy as sa
from flask import current_app
from flask_babel import get_locale

from contest.attempts.models import Attempt
from contest.audit.models import AuditEntry
from contest.contests.models import Round
from contest.extensions import db
from contest.vocabulary import FINISHED_VALUES

TTL_SECONDS = 3600
MEMORY_ENTRIES = 256


class MemoryCache:
    """A bounded per-process LRU of JSON-able values."""

    def __init__(self, size: int = MEMORY_ENTRIES) -> None:
        self._data: OrderedDict[str, str] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def set(self, key: str, value: str) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)


class RedisCache:
    """Values shared by every app process, expiring after ``TTL_SECONDS``."""

    def __init__(self, url: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url)

    def get(self, key: str) -> str | None:
        value = cast(bytes | None, self._redis.get(key))  # decode_responses is off: bytes
        return value.decode() if value is not None else None

    def set(self, key: str, value: str) -> None:
        self._redis.set(key, value, ex=TTL_SECONDS)


def backend() -> MemoryCache | RedisCache:
    """The app's cache, created on first use."""
    cache = current_app.extensions.get("leaderboard_cache")
    if cache is None:
        url = current_app.config.get("REDIS_URL")
        cache = RedisCache(url) if url else MemoryCache()
        current_app.extensions["leaderboard_cache"] = cache
    return cache


def data_version(rnd: Round) -> str:
    """A short fingerprint of everything a round's ranking depends on."""
    count, latest = db.session.execute(
        sa.select(sa.func.count(Attempt.id), sa.func.max(Attempt.finished_at))
        .where(Attempt.round_id == rnd.id, Attempt.status.in_(FINISHED_VALUES))
    ).one()
    last_action = db.session.scalar(sa.select(sa.func.max(AuditEntry.id))) or 0
    raw = json.dumps([count, str(latest), last_action, rnd.prediction_truth, rnd.counting,
                      rnd.contest.tie_breaks, rnd.contest.collective_formula,
                      rnd.contest.collective_min_rate], default=str)
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def cached(parts: dict[str, Any], version: str, compute: Callable[[], Any]) -> Any:
    """Return the cached JSON value for ``parts`` at ``version``; compute and store on a miss."""
    key = "lb:" + hashlib.sha1(json.dumps([parts, version, str(get_locale() or "vi")],
                                          sort_keys=True, default=str).encode()).hexdigest()
    store = backend()
    hit = store.get(key)
    if hit is not None:
        return json.loads(hit)
    value = compute()
    store.set(key, json.dumps(value, default=str))
    return value
