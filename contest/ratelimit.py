"""Atomic counters per key in a time window: in memory, or in Redis when REDIS_URL is set.

Every operation is atomic: a lock in one process, INCR / DECR / SET NX in Redis (shared by
every worker and process). Callers reserve an attempt with ``hit`` *before* doing the work it
guards and give it back with ``undo`` when it turns out not to count, so parallel requests can
never slip past a limit between a check and an increment.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict

from flask import Flask, current_app


class MemoryCounter:
    """A per-process sliding-window counter, enough for one app process."""

    def __init__(self) -> None:
        self._hits: dict[str, list[float]] = defaultdict(list)
        self._slots: dict[str, float] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, window: int) -> int:
        now = time.monotonic()
        with self._lock:
            hits = [t for t in self._hits[key] if now - t < window]
            hits.append(now)
            self._hits[key] = hits
            return len(hits)

    def undo(self, key: str) -> None:
        """Give back the latest hit (an attempt that turned out not to be a failure)."""
        with self._lock:
            if self._hits.get(key):
                self._hits[key].pop()

    def count(self, key: str, window: int) -> int:
        now = time.monotonic()
        with self._lock:
            return sum(1 for t in self._hits.get(key, []) if now - t < window)

    def claim(self, key: str, seconds: float) -> bool:
        """Take ``key`` for ``seconds`` unless someone holds it: True for the one who got it."""
        now = time.monotonic()
        with self._lock:
            if self._slots.get(key, 0.0) > now:
                return False
            self._slots[key] = now + seconds
            return True

    def held_for(self, key: str) -> int:
        """Whole seconds until ``key`` is free again (0: free)."""
        with self._lock:
            return max(0, -int(-(self._slots.get(key, 0.0) - time.monotonic()) // 1))

    def reset(self, key: str) -> None:
        with self._lock:
            self._hits.pop(key, None)
            self._slots.pop(key, None)


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

    def undo(self, key: str) -> None:
        # Never below zero, even if the key expired between the hit and the undo.
        self._redis.eval("if (tonumber(redis.call('GET', KEYS[1]) or '0') > 0) then "
                         "return redis.call('DECR', KEYS[1]) end return 0", 1, f"rl:{key}")

    def count(self, key: str, window: int) -> int:
        return int(self._redis.get(f"rl:{key}") or 0)

    def claim(self, key: str, seconds: float) -> bool:
        return bool(self._redis.set(f"rl:slot:{key}", 1, nx=True,
                                    px=max(1, int(seconds * 1000))))

    def held_for(self, key: str) -> int:
        ms = int(self._redis.pttl(f"rl:slot:{key}"))
        return max(0, -(-ms // 1000))

    def reset(self, key: str) -> None:
        self._redis.delete(f"rl:{key}", f"rl:slot:{key}")


def init_limiter(app: Flask) -> None:
    url = app.config.get("REDIS_URL")
    app.extensions["failure_counter"] = RedisCounter(url) if url else MemoryCounter()


def counter() -> MemoryCounter | RedisCounter:
    return current_app.extensions["failure_counter"]
