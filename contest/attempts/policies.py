"""Who may start an attempt, and how many: checks run under the registration's row lock."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from contest.attempts.models import Attempt
from contest.contests.models import (
    AttemptPolicy,
    Contest,
    ContestStatus,
    Registration,
    Round,
    RoundStatus,
)
from contest.extensions import db
from contest.i18n import vn_time


class AttemptError(ValueError):
    """A refusal with a Vietnamese message; ``status`` is the HTTP code views should use."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def check_round_open(contest: Contest, round_: Round, registration: Registration,
                     now: datetime) -> None:
    """Refuse unless the contest is published, the round open and the entrant in good standing."""
    if contest.status != ContestStatus.PUBLISHED:
        raise AttemptError("Cuộc thi chưa được công bố hoặc đã kết thúc.", 403)
    if getattr(registration, "disqualified", False):
        raise AttemptError("Bạn đã bị Ban tổ chức loại khỏi cuộc thi này nên không thể dự thi.",
                           403)
    status = round_.status_at(now)
    if status == RoundStatus.UPCOMING:
        raise AttemptError(f"Vòng thi chưa mở. Vòng thi mở lúc {vn_time(round_.opens_at)}.", 403)
    if status == RoundStatus.CLOSED:
        raise AttemptError(f"Vòng thi đã kết thúc lúc {vn_time(round_.closes_at)}.", 403)


def _count(*where) -> int:
    return db.session.scalar(sa.select(sa.func.count(Attempt.id)).where(*where)) or 0


def check_policy(round_: Round, registration_id: int) -> None:
    """Refuse a new attempt the round's attempt policy does not allow."""
    in_round = _count(Attempt.round_id == round_.id, Attempt.registration_id == registration_id)
    policy = round_.attempt_policy
    if policy == AttemptPolicy.UNLIMITED:
        return
    if policy == AttemptPolicy.MAX_PER_ROUND:
        if in_round >= round_.max_attempts:
            raise AttemptError(
                f"Bạn đã dùng hết {round_.max_attempts} lượt thi của vòng này.", 409
            )
        return
    if policy == AttemptPolicy.ONE_PER_CONTEST and not round_.is_practice:
        # Practice rounds never count toward the limits of real rounds.
        in_contest = _count(
            Attempt.registration_id == registration_id,
            Attempt.round_id.in_(
                sa.select(Round.id).where(Round.contest_id == round_.contest_id,
                                          Round.is_practice.is_(False))
            ),
        )
        if in_contest:
            raise AttemptError("Theo thể lệ, mỗi thí sinh chỉ được thi một lần trong cả cuộc thi. "
                               "Bạn đã thi rồi.", 409)
        return
    # one_per_round, one_per_contest on a practice round, or an unknown policy: one attempt.
    if in_round:
        raise AttemptError("Theo thể lệ, mỗi thí sinh chỉ được thi một lần trong vòng này. "
                           "Bạn đã thi rồi.", 409)


def next_number(round_id: int, registration_id: int) -> int:
    """The entrant's next attempt number in the round (the unique constraint's backstop)."""
    highest = db.session.scalar(
        sa.select(sa.func.max(Attempt.number))
        .where(Attempt.round_id == round_id, Attempt.registration_id == registration_id)
    )
    return (highest or 0) + 1
