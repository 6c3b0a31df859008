"""Who may start an attempt, and how many: pure checks over rows the start read under the
registration's row lock."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from flask_babel import gettext as _
from flask_babel import ngettext

from contest.contests.models import AttemptPolicy, ContestStatus, RoundStatus, round_status
from contest.errors import DomainError
from contest.i18n import vn_time


class AttemptError(DomainError):
    """A refusal with a message for the user; ``status`` is the HTTP code (409 unless given)."""

    status = 409


def check_round_open(round_, disqualified: bool, now: datetime) -> None:
    """Refuse unless the contest is published, the round open and the entrant in good standing.

    ``round_`` has the round's ``opens_at``/``closes_at`` and its contest's ``contest_status``
    (the start reads them as one plain row).
    """
    if round_.contest_status != ContestStatus.PUBLISHED:
        raise AttemptError(_("Cuộc thi chưa được công bố hoặc đã kết thúc."), 403)
    if disqualified:
        raise AttemptError(
            _("Bạn đã bị Ban tổ chức loại khỏi cuộc thi này nên không thể dự thi."), 403)
    status = round_status(round_.opens_at, round_.closes_at, now)
    if status == RoundStatus.UPCOMING:
        raise AttemptError(_("Vòng thi chưa mở. Vòng thi mở lúc %(time)s.",
                             time=vn_time(round_.opens_at)), 403)
    if status == RoundStatus.CLOSED:
        raise AttemptError(_("Vòng thi đã kết thúc lúc %(time)s.", time=vn_time(round_.closes_at)),
                           403)


class PastAttempt(Protocol):
    round_id: int
    number: int
    is_practice: bool  # of its round


def check_policy(round_, attempts: Iterable[PastAttempt]) -> int:
    """Refuse a new attempt the round's attempt policy does not allow; else its number.

    ``attempts`` are all of the entrant's attempts in the contest (a pure function: the start
    reads them in one query under the registration's row lock). The number is the entrant's
    highest in the round plus one (the unique constraint on round, registration and number is
    the backstop against parallel starts).
    """
    attempts = list(attempts)
    numbers = [a.number for a in attempts if a.round_id == round_.id]
    policy = round_.attempt_policy
    if policy == AttemptPolicy.UNLIMITED:
        pass
    elif policy == AttemptPolicy.MAX_PER_ROUND:
        if len(numbers) >= round_.max_attempts:
            raise AttemptError(
                ngettext("Bạn đã dùng hết %(num)d lượt thi của vòng này.",
                         "Bạn đã dùng hết %(num)d lượt thi của vòng này.", round_.max_attempts),
                409,
            )
    elif policy == AttemptPolicy.ONE_PER_CONTEST and not round_.is_practice:
        # Practice rounds never count toward the limits of real rounds.
        if any(not a.is_practice for a in attempts):
            raise AttemptError(_("Theo thể lệ, mỗi thí sinh chỉ được thi một lần trong cả cuộc "
                                 "thi. Bạn đã thi rồi."), 409)
    elif numbers:
        # one_per_round, one_per_contest on a practice round, or an unknown policy: one attempt.
        raise AttemptError(_("Theo thể lệ, mỗi thí sinh chỉ được thi một lần trong vòng này. "
                             "Bạn đã thi rồi."), 409)
    return max(numbers, default=0) + 1
