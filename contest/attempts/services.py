"""Start, answer and submit attempts (claiming, grading and finalising: finalise.py).

Concurrency: starts lock the Registration row (SELECT ... FOR UPDATE) and the unique
(round_id, registration_id, number) constraint backs that up; submitting and finalising claim the
attempt with a conditional UPDATE ... WHERE status = 'open', so only one caller ever grades it;
an answer is one UPDATE whose subquery takes a share lock on the open attempt row, so it either
lands before the attempt is claimed (and is graded) or is refused.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy.exc import IntegrityError

from contest.attempts.finalise import (
    claim,
    finalize_expired,
    finalize_if_expired,
    finalize_stale,
    grace,
    grade,
)
from contest.attempts.models import Attempt, AttemptItem, AttemptStatus
from contest.attempts.paper import draw_items, insert_attempt, questions_json
from contest.attempts.policies import AttemptError, check_policy, check_round_open
from contest.attempts.prepared import start_with_prepared
from contest.contests.models import Contest, PredictionKind, Registration, Round
from contest.extensions import db, utcnow
from question_bank.drawing import DrawError

__all__ = [
    "AttemptError", "StartConflict", "KEEP", "Started", "start_attempt", "begin_attempt",
    "save_answer", "save_answers",
    "save_prediction", "submit_attempt", "finalize_if_expired", "finalize_stale",
    "finalize_expired", "grace", "deadline_for", "parse_prediction",
]

KEEP = object()  # submit without a prediction value: keep the one saved earlier


class StartConflict(AttemptError):
    """Two starts raced for the same attempt number; roll back and try once more."""

LATE_MESSAGE = _l("Đã hết giờ làm bài: câu trả lời gửi sau thời hạn không được ghi nhận. "
                   "Bài thi được chốt theo các câu trả lời đã lưu trước thời hạn.")
CLOSED_MESSAGE = _l("Bài thi đã được nộp, không thể thay đổi câu trả lời.")


def deadline_for(round_: Round, started_at: datetime) -> datetime:
    """The earlier of the time limit and the round's close."""
    if hasattr(round_, "deadline_for"):
        return round_.deadline_for(started_at)
    return min(started_at + timedelta(minutes=round_.time_limit_minutes), round_.closes_at)


ROUND_FACTS = (
    sa.select(Round.id, Round.contest_id, Round.name, Round.opens_at, Round.closes_at,
              Round.time_limit_minutes, Round.question_count, Round.recipe,
              Round.shuffle_questions, Round.shuffle_options, Round.attempt_policy,
              Round.max_attempts, Round.is_practice, Round.prediction_kind,
              Round.prediction_prompt, Contest.status.label("contest_status"))
    .join(Contest, Contest.id == Round.contest_id)
    .where(Round.id == sa.bindparam("round_id"))
)
REGISTRATION_LOCKED = (
    sa.select(Registration.id, Registration.group_id, Registration.disqualified)
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
                  client_ip: str = "", rng=None) -> tuple[Attempt, bool]:
    """Resume the entrant's open attempt in the round, or start one; returns (attempt, new)."""
    started = begin_attempt(user_id, round_id, now=now, client_ip=client_ip, rng=rng)
    return started.attempt, started.created


def begin_attempt(user_id: int, round_id: int, *, now: datetime | None = None,
                  client_ip: str = "", rng=None) -> Started:
    """Resume the entrant's open attempt in the round, or start one with a prepared paper
    (prepared.py) or, when none is left, a paper drawn now.

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
        REGISTRATION_LOCKED, {"contest_id": round_.contest_id, "user_id": user_id}
    ).one_or_none()
    if registration is None:
        raise AttemptError(_("Bạn chưa đăng ký tham gia cuộc thi này."), 403)
    attempts = connection.execute(ENTRANT_ATTEMPTS, {"registration_id": registration.id}).all()
    current = _resume(attempts, round_id, now)
    if current is not None:
        return Started(current, False, round_)
    check_round_open(round_, registration.disqualified, now)
    number = check_policy(round_, attempts)
    values = {
        "public_id": secrets.token_urlsafe(16), "round_id": round_id,
        "registration_id": registration.id, "number": number, "started_at": now,
        "deadline": deadline_for(round_, now), "client_ip": (client_ip or "")[:45],
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


def _resume(attempts: list[sa.Row], round_id: int, now: datetime) -> Attempt | None:
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


MAX_OPTION_INDEX = 1000  # larger numbers would overflow the database's integer comparison


def _selection(raw, position: int) -> list[int]:
    if raw is None:
        return []
    if not isinstance(raw, list | tuple) or not all(
        isinstance(i, int) and not isinstance(i, bool) and 0 <= i < MAX_OPTION_INDEX for i in raw
    ):
        raise AttemptError(_("Câu %(n)s: lựa chọn không hợp lệ.", n=position), 400)
    return sorted(set(raw))


def _save_answer_statement() -> sa.Update:
    """The answer UPDATE, built once: every request only binds its values.

    It matches the item only if its attempt is the user's, open and within deadline + grace
    (the subquery takes FOR SHARE on the attempt: a claim waits for this answer), the chosen
    option exists, and several options are chosen only on a multiple-answer question.
    """
    # Core tables, not ORM entities: the statement skips the ORM's bulk-update machinery.
    attempt, item, registration = (Attempt.__table__, AttemptItem.__table__,
                                   Registration.__table__)
    owned_open_attempt = (
        sa.select(attempt.c.id)
        .join(registration, registration.c.id == attempt.c.registration_id)
        .where(attempt.c.public_id == sa.bindparam("public_id"),
               registration.c.user_id == sa.bindparam("user_id"),
               attempt.c.status == AttemptStatus.OPEN,
               attempt.c.deadline > sa.bindparam("cutoff", type_=attempt.c.deadline.type))
        .with_for_update(read=True, of=attempt)
        .scalar_subquery()
    )
    return (
        sa.update(item)
        .where(item.c.attempt_id == owned_open_attempt,
               item.c.position == sa.bindparam("b_position"),
               item.c.option_count > sa.bindparam("highest"),
               sa.or_(item.c.multiple.is_(True), sa.bindparam("single", type_=sa.Boolean)))
        .values(selected=sa.bindparam("chosen", type_=item.c.selected.type),
                answered_at=sa.bindparam("b_answered_at", type_=item.c.answered_at.type))
    )


SAVE_ANSWER = _save_answer_statement()


def save_answer(user_id: int, public_id: str, position: int, selected,
                *, now: datetime | None = None) -> datetime:
    """Save one answer with a single UPDATE; explain the refusal only when it matches nothing."""
    now = now or utcnow()
    chosen = _selection(selected, position)
    result = db.session.connection().execute(SAVE_ANSWER, {
        "public_id": public_id, "user_id": user_id, "cutoff": now - grace(),
        "b_position": position, "highest": chosen[-1] if chosen else -1,
        "single": len(chosen) <= 1, "chosen": chosen, "b_answered_at": now,
    })
    if result.rowcount != 1:
        _explain_refusal(user_id, public_id, position, chosen, now)
    return now


def _explain_refusal(user_id: int, public_id: str, position: int, chosen: list[int],
                     now: datetime) -> None:
    from contest.attempts.queries import owned_attempt

    attempt = owned_attempt(public_id, user_id)
    if attempt is None:
        raise AttemptError(_("Không tìm thấy bài thi."), 404)
    if finalize_if_expired(attempt, now) or attempt.status == AttemptStatus.EXPIRED:
        raise AttemptError(LATE_MESSAGE, 409)
    if attempt.status != AttemptStatus.OPEN:
        raise AttemptError(CLOSED_MESSAGE, 409)
    if now > attempt.deadline + grace():
        raise AttemptError(LATE_MESSAGE, 409)
    item = next((i for i in attempt.items if i.position == position), None)
    if item is None:
        raise AttemptError(_("Bài thi không có câu số %(n)s.", n=position), 404)
    if chosen and chosen[-1] >= item.option_count:
        raise AttemptError(_("Câu %(n)s: phương án không tồn tại.", n=position), 400)
    if len(chosen) > 1 and not item.multiple:
        raise AttemptError(_("Câu %(n)s chỉ được chọn một đáp án.", n=position), 400)
    raise AttemptError(_("Chưa lưu được câu trả lời. Vui lòng thử lại."), 409)


def save_answers(attempt: Attempt, answers: Mapping[int, Iterable[int]],
                 *, now: datetime | None = None) -> None:
    """Save every answer of a plain HTML form at once; positions missing are cleared."""
    now = now or utcnow()
    if attempt.status != AttemptStatus.OPEN or now > attempt.deadline + grace():
        return  # finalisation keeps what was saved in time
    for item in attempt.items:
        chosen = _selection(list(answers.get(item.position, [])), item.position)
        if chosen and chosen[-1] >= item.option_count:
            raise AttemptError(_("Câu %(n)s: phương án không tồn tại.", n=item.position),
                               400)
        if len(chosen) > 1 and not item.multiple:
            raise AttemptError(_("Câu %(n)s chỉ được chọn một đáp án.", n=item.position),
                               400)
        if chosen != (item.selected or []):
            item.selected, item.answered_at = chosen, now
    db.session.flush()


def parse_prediction(round_: Round, raw) -> float | None:
    """The prediction as a number, or None when the round asks none or it was left empty."""
    if round_.prediction_kind == PredictionKind.NONE or raw is None or raw == "":
        return None
    try:
        value = float(str(raw).strip().replace(",", "."))
    except ValueError as error:
        raise AttemptError(_("Câu hỏi dự đoán: vui lòng nhập một con số."), 400) from error
    if not math.isfinite(value) or value < 0:
        raise AttemptError(_("Câu hỏi dự đoán: vui lòng nhập một số không âm."), 400)
    if round_.prediction_kind == PredictionKind.FULL_MARKS_PERCENT and value > 100:
        raise AttemptError(_("Câu hỏi dự đoán: tỉ lệ phần trăm không được lớn hơn 100."),
                           400)
    return value


def save_prediction(attempt: Attempt, raw, *, now: datetime | None = None) -> float | None:
    """Keep the prediction typed so far on the open attempt (so time running out keeps it)."""
    now = now or utcnow()
    value = parse_prediction(attempt.round, raw)
    if finalize_if_expired(attempt, now) or now > attempt.deadline + grace():
        raise AttemptError(LATE_MESSAGE, 409)
    if attempt.status != AttemptStatus.OPEN:
        raise AttemptError(CLOSED_MESSAGE, 409)
    attempt.prediction = value
    db.session.flush()
    return value


def submit_attempt(attempt: Attempt, *, prediction=KEEP,
                   now: datetime | None = None) -> bool:
    """Submit and grade once; True only for the call that graded it (other tabs get False)."""
    now = now or utcnow()
    if finalize_if_expired(attempt, now):
        return True
    if attempt.status != AttemptStatus.OPEN:
        return False
    round_ = attempt.round
    value = attempt.prediction if prediction is KEEP else parse_prediction(round_, prediction)
    if round_.require_all_answered and any(not i.selected for i in attempt.items):
        missing = sum(1 for i in attempt.items if not i.selected)
        raise AttemptError(ngettext("Theo thể lệ, cần trả lời tất cả các câu. Còn %(num)d câu "
                                    "chưa trả lời.",
                                    "Theo thể lệ, cần trả lời tất cả các câu. Còn %(num)d câu "
                                    "chưa trả lời.", missing), 409)
    finished_at = min(now, attempt.deadline)  # time taken never exceeds the limit
    if claim(attempt, AttemptStatus.SUBMITTED, finished_at,
              Attempt.deadline > now - grace(), prediction=value):
        grade(attempt)
        return True
    return finalize_if_expired(attempt, now)
