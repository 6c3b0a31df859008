"""Start an attempt, or resume the open one: the synchronised opening's hot path.

Concurrency: a start locks the entrant's Registration row (SELECT ... FOR UPDATE), so one
entrant's starts run one at a time, and the unique (round_id, registration_id, number)
constraint backs that up; prepared papers are claimed with SKIP LOCKED (prepared.py).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from contest.attempts.finalise import finalize_if_expired
from contest.attempts.models import Attempt, AttemptStatus
from contest.attempts.paper import draw_items, insert_attempt, questions_json
from contest.attempts.policies import AttemptError, check_policy, check_round_open
from contest.attempts.prepared import start_with_prepared
from contest.attempts.standing import refuse_disqualified
from contest.contests.models import (
    Contest,
    Registration,
    Round,
    RoundDisqualification,
    attempt_deadline,
)
from contest.extensions import db, utcnow
from question_bank.drawing import DrawError


class StartConflict(AttemptError):
    """Two starts raced for the same attempt number; roll back and try once more."""


ROUND_FACTS = (
    sa.select(Round.id, Round.contest_id, Round.name, Round.opens_at, Round.closes_at,
              Round.time_limit_minutes, Round.question_count, Round.recipe,
              Round.group_recipes,
              Round.shuffle_questions, Round.shuffle_options, Round.attempt_policy,
              Round.max_attempts, Round.is_practice, Round.prediction_kind,
              Round.prediction_prompt, Contest.status.label("contest_status"))
    .join(Contest, Contest.id == Round.contest_id)
    .where(Round.id == sa.bindparam("round_id"))
)
REGISTRATION_LOCKED = (
    sa.select(Registration.id, Registration.group_id, Registration.disqualified,
              sa.exists().where(RoundDisqualification.registration_id == Registration.id,
                                RoundDisqualification.round_id == sa.bindparam("round_id"))
              .label("round_disqualified"))
    .where(Registration.contest_id == sa.bindparam("contest_id"),
           Registration.user_id == sa.bindparam("user_id"))
    .with_for_update()  # serialises this entrant's starts (ignored on SQLite)
)
ENTRANT_ATTEMPTS = (
    sa.select(Attempt.id, Attempt.round_id, Attempt.status, Attempt.number, Round.is_practice)
    .join(Round, Round.id == Attempt.round_id)
    .where(Attempt.registration_id == sa.bindparam("registration_id"))
)


@dataclass
class Started:
    """What a start returns: the attempt, whether it is new, the round's facts as read, and
    for a new attempt its questions as the entrant sees them (JSON text, ready to send)."""

    attempt: Attempt
    created: bool
    round: sa.Row
    questions: str | None = None


def start_attempt(user_id: int, round_id: int, *, now: datetime | None = None,
                  client_ip: str = "", rng=None) -> Started:
    """Resume the entrant's open attempt in the round, or start one with a prepared paper
    (prepared.py) or, when none is left, a paper drawn now. ``Started.created`` tells which.

    The synchronised opening's hot path: plain rows, three reads (the round, the locked
    registration, the entrant's attempts) and one statement that claims a prepared paper,
    inserts the attempt and copies the items (three without PostgreSQL).
    """
    now = now or utcnow()
    connection = db.session.connection()
    round_ = connection.execute(ROUND_FACTS, {"round_id": round_id}).one_or_none()
    if round_ is None:
        raise AttemptError(_("Không tìm thấy vòng thi."), 404)
    registration = connection.execute(
        REGISTRATION_LOCKED, {"contest_id": round_.contest_id, "user_id": user_id,
                              "round_id": round_id}
    ).one_or_none()
    if registration is None:
        raise AttemptError(_("Bạn chưa đăng ký tham gia cuộc thi này."), 403)
    refuse_disqualified(registration.disqualified, registration.round_disqualified)
    attempts = connection.execute(ENTRANT_ATTEMPTS, {"registration_id": registration.id}).all()
    current = _resume(attempts, round_id, now)
    if current is not None:
        return Started(current, False, round_)
    check_round_open(round_, registration.disqualified, now)
    number = check_policy(round_, attempts)
    values = {
        "public_id": secrets.token_urlsafe(16), "round_id": round_id,
        "registration_id": registration.id, "number": number, "started_at": now,
        "deadline": attempt_deadline(now, round_.time_limit_minutes, round_.closes_at),
        "client_ip": (client_ip or "")[:45],
    }
    try:
        started = start_with_prepared(values, registration.group_id)
        if started is None:
            started = _start_with_new_paper(values, registration.group_id, round_, rng)
    except IntegrityError as error:  # a parallel start took this number: caller rolls back
        raise StartConflict(
            _("Một lượt thi khác vừa được bắt đầu cùng lúc. Vui lòng tải lại trang."), 409
        ) from error
    attempt, questions = started
    return Started(attempt, True, round_, questions)


def _start_with_new_paper(values: dict, group_id: int, round_, rng) -> tuple[Attempt, str]:
    try:
        items = draw_items(group_id, round_, rng)
    except DrawError as error:
        raise AttemptError(_("Chưa thể tạo đề thi: %(reason)s", reason=error), 409) from error
    attempt = insert_attempt({**values, "max_score": float(sum(i["weight"] for i in items))},
                             items)
    return attempt, questions_json(items)


def _resume(attempts: Sequence[sa.Row], round_id: int, now: datetime) -> Attempt | None:
    """Finalise the entrant's open attempts whose time is up (any round); return the one
    still open in this round, if any. Most starts have no open attempt and skip all this."""
    open_ids = [a.id for a in attempts if a.status == AttemptStatus.OPEN]
    if not open_ids:
        return None
    current = None
    for attempt in db.session.scalars(sa.select(Attempt).where(Attempt.id.in_(open_ids))):
        if not finalize_if_expired(attempt, now) and attempt.round_id == round_id:
            current = attempt
    return current
