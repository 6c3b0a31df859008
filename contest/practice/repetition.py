"""Spaced repetition as a pure function: a right answer doubles the interval (1, 2, 4 ... days,
at most 64), a wrong one makes the question due again at once."""

from __future__ import annotations

from datetime import datetime, timedelta

MAX_INTERVAL_DAYS = 64


def next_review(interval_days: int, correct: bool, now: datetime) -> tuple[int, datetime]:
    """The new interval and due time after an answer."""
    if not correct:
        return 0, now
    interval = min(max(1, interval_days * 2), MAX_INTERVAL_DAYS)
    return interval, now + timedelta(days=interval)
