"""Who may start an attempt, and how many: checks run under the registration's row lock."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

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
    """A refusal with a message for the user; ``status`` is the HTTP code views should use.

    A lazy message is rendered now, in the language of the request that raised it.
    """

    def __init__(self, message: str, status: int = 409) -> None:
        message = str(message)
        super().__init__(message)
        self.message = message
        self.status = status


def check_round_open(contest: Contest, round_: Round, registration: Registration,
                     now: datetime) -> None:
    """Refuse unless the contest is published, the round open and the entrant in good standing."""
    if contest.status != ContestStatus.PUBLISHED:
        raise AttemptError(_("Cuộc thi chưa được công bố hoặc đã kết thúc."), 403)
    if getattr(registration, "disqualified", False):
        raise AttemptError(
            _("Bạn đã bị Ban tổ chức loại khỏi cuộc thi này nên không thể dự thi."), 403)
    status = round_.status_at(now)
    if status == RoundStatus.UPCOMING:
        raise AttemptError(_("Vòng thi chưa mở. Vòng thi mở lúc %(time)s.",
                             time=vn_time(round_.opens_at)), 403)
    if status == RoundStatus.CLOSED:
        raise AttemptError(_("Vòng thi đã kết thúc lúc %(time)s.", time=vn_time(round_.closes_at)),
                           403)


def _count(*where) -> int:
    return db.session.scalar(sa.select(sa.func.count(Attempt.id)).where(*where)) or 0


def check_policy(round_: Round, registration_id: int) -> int:
    """Refuse a new attempt the round's attempt policy does not allow; else its number.

    The number is the entrant's highest in the round plus one (the unique constraint on
    round, registration and number is the backstop against parallel starts).
    """
    in_round, highest = db.session.execute(
        sa.select(sa.func.count(Attempt.id), sa.func.max(Attempt.number))
        .where(Attempt.round_id == round_.id, Attempt.registration_id == registration_id)
    ).one()
    _apply_policy(round_, registration_id, in_round)
    return (highest or 0) + 1


def _apply_policy(round_: Round, registration_id: int, in_round: int) -> None:
    policy = round_.attempt_policy
    if policy == AttemptPolicy.UNLIMITED:
        return
    if policy == AttemptPolicy.MAX_PER_ROUND:
        if in_round >= round_.max_attempts:
            raise AttemptError(
                ngettext("Bạn đã dùng hết %(num)d lượt thi của vòng này.",
                         "Bạn đã dùng hết %(num)d lượt thi của vòng này.", round_.max_attempts),
                409,
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
            raise AttemptError(_("Theo thể lệ, mỗi thí sinh chỉ được thi một lần trong cả cuộc "
                                 "thi. Bạn đã thi rồi."), 409)
        return
    # one_per_round, one_per_contest on a practice round, or an unknown policy: one attempt.
    if in_round:
        raise AttemptError(_("Theo thể lệ, mỗi thí sinh chỉ được thi một lần trong vòng này. "
                             "Bạn đã thi rồi."), 409)

