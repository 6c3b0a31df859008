"""Close attempts: claim one open attempt for exactly one caller, grade it, finalise expired ones.

Claiming is a conditional UPDATE ... WHERE status = 'open', so of a submit, a lazy finalisation
and the scheduler racing for the same attempt only one grades it. Services flush; callers commit.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import cast

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects.postgresql import JSONB
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
    return expire_in_bulk(sa.true(), now)


def _duration() -> sa.ColumnElement:
    """Seconds from start to deadline, in SQL (what ``grade`` computes in Python)."""
    a = Attempt.__table__.c
    if db.session.get_bind().dialect.name == "postgresql":
        return sa.extract("epoch", a.deadline - a.started_at)
    return sa.func.round((sa.func.julianday(a.deadline) - sa.func.julianday(a.started_at))
                         * 86400.0, 3)


def _item_is_correct() -> sa.ColumnElement:
    """``grade_item`` in SQL: the stored selection equals the correct display indices. Both
    are sorted lists without repeats (``_selection`` and the draw build them so)."""
    i = AttemptItem.__table__.c
    selected: sa.ColumnElement
    correct: sa.ColumnElement
    empty: sa.ColumnElement | str
    if db.session.get_bind().dialect.name == "postgresql":
        selected, correct = sa.cast(i.selected, JSONB), sa.cast(i.correct, JSONB)
        empty = sa.cast(sa.literal("[]"), JSONB)
    else:
        selected, correct, empty = sa.func.json(i.selected), sa.func.json(i.correct), "[]"
    chosen = sa.and_(i.selected.is_not(None), selected != empty, selected == correct)
    return sa.case((chosen, sa.true()), else_=sa.false())


def expire_in_bulk(where, now: datetime | None = None) -> int:
    """Finalise, set-based, the open attempts matching ``where`` past deadline plus grace:
    status expired, finished at the deadline, graded on the saved answers. Three statements
    whatever the number of attempts, locking attempts before their items like ``claim`` and
    ``grade`` do; returns how many it closed."""
    now = now or utcnow()
    a, i = Attempt.__table__, AttemptItem.__table__
    claimed = cast(sa.CursorResult, db.session.execute(
        sa.update(a).where(where, a.c.status == AttemptStatus.OPEN,
                           a.c.deadline < now - closing_margin())
        .values(status=AttemptStatus.EXPIRED, finished_at=a.c.deadline, score=None,
                duration_seconds=_duration())
        .execution_options(synchronize_session=False)))
    if not claimed.rowcount:
        return 0
    # Ours to grade: expired and not graded yet (every graded attempt has a score).
    ungraded = sa.select(a.c.id).where(where, a.c.status == AttemptStatus.EXPIRED,
                                       a.c.score.is_(None))
    db.session.execute(sa.update(i).where(i.c.attempt_id.in_(ungraded))
                       .values(is_correct=_item_is_correct())
                       .execution_options(synchronize_session=False))
    own = i.c.attempt_id == a.c.id
    points = sa.select(sa.func.coalesce(sa.func.sum(i.c.weight), 0.0)).where(own)
    db.session.execute(
        sa.update(a).where(where, a.c.status == AttemptStatus.EXPIRED, a.c.score.is_(None))
        .values(score=points.where(i.c.is_correct.is_(True)).scalar_subquery(),
                max_score=points.scalar_subquery())
        .execution_options(synchronize_session=False))
    for loaded in list(db.session.identity_map.values()):  # they learn how they ended
        if isinstance(loaded, Attempt | AttemptItem):
            db.session.expire(loaded)
    return claimed.rowcount
