"""Close attempts: claim one open attempt for exactly one caller, grade it, finalise expired ones.

Claiming is a conditional UPDATE ... WHERE status = 'open', so of a submit, a lazy finalisation
and the scheduler racing for the same attempt only one grades it. Services flush; callers commit.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import cast

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm.attributes import set_committed_value

from contest.attempts.grading import grade_paper
from contest.attempts.models import Attempt, AttemptItem, AttemptStatus
from contest.extensions import db, utcnow


def grace() -> timedelta:
    """How long after the deadline an answer in flight is still accepted."""
    return timedelta(seconds=current_app.config.get("ANSWER_GRACE_SECONDS", 5))


def claim(attempt: Attempt, status: str, finished_at: datetime, *where, **values) -> bool:
    """Move an open attempt to ``status``; True for the one caller that wins the race."""
    # Session.execute is typed Result; an UPDATE's result is a CursorResult (rowcount).
    result = cast(sa.CursorResult, db.session.execute(
        sa.update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.status == AttemptStatus.OPEN, *where)
        .values(status=status, finished_at=finished_at, **values)
        .execution_options(synchronize_session=False)
    ))
    if result.rowcount == 1:  # we know what changed: no need to read the row back
        for key, value in {"status": status, "finished_at": finished_at, **values}.items():
            set_committed_value(attempt, key, value)
        return True
    db.session.refresh(attempt)  # someone else claimed it: learn how it ended
    return False


def grade(attempt: Attempt) -> None:
    """Grade the claimed attempt from its stored answers (reloaded: saves bypass the ORM)."""
    items = db.session.scalars(
        sa.select(AttemptItem).where(AttemptItem.attempt_id == attempt.id)
        .order_by(AttemptItem.position).execution_options(populate_existing=True)
    ).all()
    grade = grade_paper([(i.selected, i.correct, i.weight) for i in items])
    for item, item_grade in zip(items, grade.items, strict=True):
        item.is_correct = item_grade.is_correct
    attempt.score = grade.score
    attempt.max_score = grade.max_score
    assert attempt.finished_at is not None  # claim() set it
    attempt.duration_seconds = (attempt.finished_at - attempt.started_at).total_seconds()
    db.session.flush()


def closing_margin() -> timedelta:
    """How long after the deadline an attempt is closed on behalf of time: the grace plus the
    queueing allowance, so a save or submit that arrived in time is served first."""
    from contest.arrival import allowance

    return grace() + allowance()


def finalize_if_expired(attempt: Attempt, now: datetime | None = None, *,
                        arrived: datetime | None = None) -> bool:
    """Close an open attempt whose time is up as it was at the deadline.

    ``arrived``: the entrant's own late request (a save or submit that arrived after deadline +
    grace) closes it at once. Otherwise (pages, lists, the scheduler) only after deadline +
    grace + the queueing allowance, so an in-time request still waiting in a queue is served.
    """
    if attempt.status != AttemptStatus.OPEN:
        return False
    if arrived is not None:
        if arrived <= attempt.deadline + grace():
            return False
    elif (now or utcnow()) <= attempt.deadline + closing_margin():
        return False
    if claim(attempt, AttemptStatus.EXPIRED, attempt.deadline):
        grade(attempt)
        return True
    return False


def finalize_stale(where, now: datetime | None = None) -> int:
    """Finalise the open attempts matching ``where`` past deadline + grace + allowance."""
    now = now or utcnow()
    stale = db.session.scalars(
        sa.select(Attempt).where(where, Attempt.status == AttemptStatus.OPEN,
                                 Attempt.deadline < now - closing_margin())
    ).all()
    return sum(1 for attempt in stale if finalize_if_expired(attempt, now))


def finalize_expired(now: datetime | None = None) -> int:
    """Finalise every open attempt whose time is up (for the scheduler); returns how many."""
    return finalize_stale(sa.true(), now)
