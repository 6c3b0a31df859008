"""Individual ranking: the counted attempt per entrant, competition ranks, overall totals.

Rules (the SQL in queries.py must agree; tests/contest/ranking checks both backends):
- Only finished attempts (submitted or expired) count; open attempts never do.
- Counting "best": highest score, then the contest's attempt-level keys (prediction error,
  time taken, submission time), then the earlier attempt. "first"/"last": by attempt number.
- ``attempt_count`` is the entrant's number of finished attempts in the round.
- Entrants equal on every configured key share a rank (1, 2, 2, 4); the registration id
  only fixes the display order inside a shared rank.
- Overall: score, time and attempts are summed over the counted rounds; prediction error is
  summed over rounds with a known truth (None if the entrant skipped a prediction there);
  submission time is the latest counted submission.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _

from contest.ranking.prediction import prediction_error
from contest.ranking.tiebreak import Entry, RankingError, normalise_chain, sort_key, tie_key
from contest.vocabulary import FINISHED, Counting

ATTEMPT_KEYS = ("score", "prediction_error", "time_taken", "submitted_at")


@dataclass(slots=True)
class Ranked:
    """A ranked entrant: competition rank, whether the rank is shared, and the entry."""

    rank: int
    entry: Entry
    tied: bool = False


@dataclass(frozen=True, slots=True)
class AttemptResult:
    """The fields of one attempt that ranking reads."""

    attempt_id: int
    registration_id: int
    number: int
    status: str
    score: float | None
    max_score: float = 0.0
    prediction: float | None = None
    duration_seconds: float | None = None
    finished_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Registrant:
    """The fields of one registration that ranking reads."""

    registration_id: int
    registered_at: datetime | None = None
    group_id: int | None = None
    unit_id: int | None = None
    user_id: int | None = None
    disqualified: bool = False


def attempt_chain(chain: Sequence[str]) -> tuple[str, ...]:
    """The part of the chain that differs between one entrant's attempts."""
    return tuple(name for name in normalise_chain(chain) if name in ATTEMPT_KEYS)


def _as_entry(attempt: AttemptResult, truth: float | None) -> Entry:
    return Entry(
        registration_id=attempt.registration_id,
        score=attempt.score if attempt.score is not None else 0.0,
        max_score=attempt.max_score,
        prediction=attempt.prediction,
        prediction_error=prediction_error(attempt.prediction, truth),
        time_taken=attempt.duration_seconds,
        submitted_at=attempt.finished_at,
        attempt_id=attempt.attempt_id,
    )


def pick_counted(attempts: Iterable[AttemptResult], counting: str, chain: Sequence[str],
                 truth: float | None = None) -> AttemptResult | None:
    """Return the attempt that counts for one entrant, or None without a finished one."""
    finished = [a for a in attempts if a.status in FINISHED]
    if not finished:
        return None
    if counting == Counting.FIRST:
        return min(finished, key=lambda a: a.number)
    if counting == Counting.LAST:
        return max(finished, key=lambda a: a.number)
    if counting != Counting.BEST:
        raise RankingError(_("Cách tính lượt thi không hợp lệ: “%(counting)s”.",
                             counting=counting))
    keys = tie_key(attempt_chain(chain))
    return min(finished, key=lambda a: (keys(_as_entry(a, truth)), a.number))


def round_entries(attempts: Iterable[AttemptResult], registrants: Iterable[Registrant],
                  counting: str, chain: Sequence[str], truth: float | None = None,
                  exclude_ids: frozenset[int] | set[int] = frozenset()) -> list[Entry]:
    """Build one entry per eligible entrant of a round from raw attempts (pure path)."""
    people = {r.registration_id: r for r in registrants}
    by_person: dict[int, list[AttemptResult]] = {}
    for attempt in attempts:
        by_person.setdefault(attempt.registration_id, []).append(attempt)
    entries = []
    for registration_id, own in by_person.items():
        person = people[registration_id]
        if person.disqualified or registration_id in exclude_ids:
            continue
        counted = pick_counted(own, counting, chain, truth)
        if counted is None:
            continue
        entry = _as_entry(counted, truth)
        entry.attempt_count = sum(1 for a in own if a.status in FINISHED)
        entry.registered_at = person.registered_at
        entry.group_id, entry.unit_id = person.group_id, person.unit_id
        entry.user_id = person.user_id
        entries.append(entry)
    return entries


def assign_ranks(ordered: Iterable[Entry], chain: Sequence[str]) -> list[Ranked]:
    """Give competition ranks to entries already in ranking order (linear)."""
    ties = tie_key(chain)
    rows: list[Ranked] = []
    previous = None
    for position, entry in enumerate(ordered, start=1):
        key = ties(entry)
        if rows and key == previous:
            rows.append(Ranked(rows[-1].rank, entry, True))
            rows[-2].tied = True
        else:
            rows.append(Ranked(position, entry))
        previous = key
    return rows


def rank(entries: Iterable[Entry], chain: Sequence[str]) -> list[Ranked]:
    """Sort entries by the chain (registration id last) and rank them."""
    return assign_ranks(sorted(entries, key=sort_key(chain)), chain)


def rank_by_group(entries: Iterable[Entry], chain: Sequence[str]) -> dict[int | None, list[Ranked]]:
    """Rank each entrant group separately."""
    groups: dict[int | None, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.group_id, []).append(entry)
    return {group: rank(members, chain) for group, members in groups.items()}


def overall_entries(rounds: Iterable[tuple[Iterable[Entry], bool]]) -> list[Entry]:
    """Sum each entrant's counted results over rounds given as (entries, truth_known)."""
    totals: dict[int, Entry] = {}
    for entries, truth_known in rounds:
        for e in entries:
            total = totals.get(e.registration_id)
            if total is None:
                total = totals[e.registration_id] = Entry(
                    e.registration_id, 0.0, 0.0, None, Decimal(0), 0.0, None, 0, e.registered_at,
                    e.group_id, e.unit_id, e.user_id, None, 0,
                )
            total.score += e.score
            total.max_score += e.max_score
            total.attempt_count += e.attempt_count
            total.rounds += 1
            total.time_taken = _add(total.time_taken, e.time_taken)
            if truth_known:
                total.prediction_error = _add(total.prediction_error, e.prediction_error)
            if e.submitted_at is not None and (
                total.submitted_at is None or e.submitted_at > total.submitted_at
            ):
                total.submitted_at = e.submitted_at
    return list(totals.values())


def _add(total: Any, value: Any) -> Any:
    """A missing value makes the total missing: it must not turn into an advantage."""
    return None if total is None or value is None else total + value
