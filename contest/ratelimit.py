"""Count failures per key in a time window: in memory, or in Redis when REDIS_URL is set."""

from __future__ import annotations

import threading
import time
from collections import defaultdict

from flask import Flask, current_app


class MemoryCounter:
    """A per-process fixed-window counter, enough for one app process."""

    def __init__(self) -> None:
        self._hits: dict[str, list[float]] = defaultdict(list)
        self._lock = threading.Lock()

    def hit(self, key: str, window: int) -> int:
        now = time.monotonic()
        with self._lock:
            hits = [t for t in self._hits[key] if now - t < window]
            hits.append(now)
            self._hits[key] = hits
            return len(hits)

    def count(self, key: str, window: int) -> int:
        now = time.monotonic()
        with self._lock:
            return sum(1 for t in self._hits.get(key, []) if now - t < window)

    def reset(self, key: str) -> None:
        with self._lock:
            self._hits.pop(key, None)


class RedisCounter:
    """A fixed-window counter shared by every app process through Redis."""

    def __init__(self, url: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url)

    def hit(self, key: str, window: int) -> int:
        pipe = self._redis.pipeline()
        pipe.incr(f"rl:{key}")
        pipe.expire(f"rl:{key}", window, nx=True)
        return int(pipe.execute()[0])

    def count(self, key: str, window: int) -> int:
        return int(self._redis.get(f"rl:{key}") or 0)

    def reset(self, key: str) -> None:
        self._redis.delete(f"rl:{key}")


def init_limiter(app: Flask) -> None:
    url = app.config.get("REDIS_URL")
    app.extensions["failure_counter"] = RedisCounter(url) if url else MemoryCounter()


def counter() -> MemoryCounter | RedisCounter:
    return current_app.extensions["failure_counter"]
