"""May this entrant start the round now? The start page and the start buttons ask before the
clock runs, with the same checks a start makes (policies.py), so a button is never shown
under its own refusal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.attempts.models import Attempt, AttemptStatus
from contest.attempts.policies import AttemptError, check_policy, check_round_open
from contest.contests.models import Registration, Round
from contest.extensions import db, utcnow


@dataclass(frozen=True)
class Gate:
    """``resume``: the open attempt's public id; ``refusal``: why a start would be refused;
    ``used``: attempts already taken in this round."""

    resume: str | None = None
    refusal: str | None = None
    used: int = 0


def start_gate(user_id: int, round_: Round, now: datetime | None = None) -> Gate:
    now = now or utcnow()
    registration = db.session.scalar(sa.select(Registration).where(
        Registration.contest_id == round_.contest_id, Registration.user_id == user_id))
    if registration is None:
        return Gate(refusal=_("Bạn chưa đăng ký dự thi cuộc thi này."))
    attempts = db.session.execute(
        sa.select(Attempt.round_id, Attempt.number, Attempt.status, Attempt.public_id,
                  Attempt.deadline, Round.is_practice)
        .join(Round, Round.id == Attempt.round_id)
        .where(Attempt.registration_id == registration.id)
    ).all()
    mine = [a for a in attempts if a.round_id == round_.id]
    current = next((a for a in mine if a.status == AttemptStatus.OPEN and a.deadline > now),
                   None)
    if current is not None:
        return Gate(resume=current.public_id, used=len(mine))
    facts = SimpleNamespace(opens_at=round_.opens_at, closes_at=round_.closes_at,
                            contest_status=round_.contest.status)
    try:
        check_round_open(facts, registration.disqualified, now)
        check_policy(round_, attempts)
    except AttemptError as error:
        return Gate(refusal=error.message, used=len(mine))
    return Gate(used=len(mine))
