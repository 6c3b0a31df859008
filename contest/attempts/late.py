"""Answers refused as late: recorded (position, what was sent, arrival) for the judges' entry
view and the entrant's result page. They never count toward a grade."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa

from contest.attempts.models import Attempt, LateAnswer
from contest.extensions import db


def record_late(attempt: Attempt, position: int, selected: Iterable[int],
                arrived: datetime) -> None:
    """Keep one refused late answer (the caller commits, even though the request is refused)."""
    db.session.add(LateAnswer(attempt_id=attempt.id, position=position,
                              selected=sorted(set(selected)), arrived_at=arrived))
    db.session.flush()


def late_answers(attempt_id: int) -> list[LateAnswer]:
    """The attempt's refused late answers, by position then arrival."""
    return list(db.session.scalars(
        sa.select(LateAnswer).where(LateAnswer.attempt_id == attempt_id)
        .order_by(LateAnswer.position, LateAnswer.arrived_at)
    ))
