"""Start, answer, submit and finalise attempts. Services flush; views and CLI commands commit.

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
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from contest.attempts.grading import grade_paper
from contest.attempts.models import Attempt, AttemptItem, AttemptStatus
from contest.attempts.paper import draw_items
from contest.attempts.policies import AttemptError, check_policy, check_round_open, next_number
from contest.contests.models import PredictionKind, Registration, Round
from contest.extensions import db, utcnow
from question_bank.drawing import DrawError

__all__ = [
    "AttemptError", "StartConflict", "KEEP", "start_attempt", "save_answer", "save_answers",
    "save_prediction", "submit_attempt", "finalize_if_expired", "finalize_stale",
    "finalize_expired", "grace", "deadline_for", "parse_prediction",
]

KEEP = object()  # submit without a prediction value: keep the one saved earlier


class StartConflict(AttemptError):
    """Two starts raced for the same attempt number; roll back and try once more."""

LATE_MESSAGE = ("Đã hết giờ làm bài: câu trả lời gửi sau thời hạn không được ghi nhận. "
                "Bài thi được chốt theo các câu trả lời đã lưu trước thời hạn.")
CLOSED_MESSAGE = "Bài thi đã được nộp, không thể thay đổi câu trả lời."


def grace() -> timedelta:
    """How long after the deadline an answer in flight is still accepted."""
    return timedelta(seconds=current_app.config.get("ANSWER_GRACE_SECONDS", 5))


def deadline_for(round_: Round, started_at: datetime) -> datetime:
    """The earlier of the time limit and the round's close."""
    if hasattr(round_, "deadline_for"):
        return round_.deadline_for(started_at)
    return min(started_at + timedelta(minutes=round_.time_limit_minutes), round_.closes_at)


def start_attempt(user_id: int, round_id: int, *, now: datetime | None = None,
                  client_ip: str = "", rng=None) -> tuple[Attempt, bool]:
    """Resume the entrant's open attempt in the round, or start one; returns (attempt, new)."""
    now = now or utcnow()
    round_ = db.session.get(Round, round_id)
    if round_ is None:
        raise AttemptError("Không tìm thấy vòng thi.", 404)
    registration = db.session.scalar(
        sa.select(Registration)
        .where(Registration.contest_id == round_.contest_id, Registration.user_id == user_id)
        .with_for_update()  # serialises this entrant's starts (ignored on SQLite)
    )
    if registration is None:
        raise AttemptError("Bạn chưa đăng ký tham gia cuộc thi này.", 403)
    finalize_stale(Attempt.registration_id == registration.id, now)
    current = db.session.scalar(
        sa.select(Attempt).where(Attempt.round_id == round_.id,
                                 Attempt.registration_id == registration.id,
                                 Attempt.status == AttemptStatus.OPEN)
    )
    if current is not None:
        return current, False
    check_round_open(round_.contest, round_, registration, now)
    check_policy(round_, registration.id)
    try:
        items = draw_items(registration.group_id, round_, rng)
    except DrawError as error:
        raise AttemptError(f"Chưa thể tạo đề thi: {error}", 409) from error
    attempt = Attempt(
        public_id=secrets.token_urlsafe(16),
        round=round_,  # already loaded: rendering the paper needs no query for it
        registration_id=registration.id,
        number=next_number(round_.id, registration.id),
        started_at=now,
        deadline=deadline_for(round_, now),
        max_score=float(sum(item.weight for item in items)),
        client_ip=(client_ip or "")[:45],
        items=items,
    )
    db.session.add(attempt)
    try:
        db.session.flush()
    except IntegrityError as error:  # a parallel start took this number: caller rolls back
        raise StartConflict("Một lượt thi khác vừa được bắt đầu cùng lúc. Vui lòng tải lại trang.",
                            409) from error
    return attempt, True


MAX_OPTION_INDEX = 1000  # larger numbers would overflow the database's integer comparison


def _selection(raw, position: int) -> list[int]:
    if raw is None:
        return []
    if not isinstance(raw, list | tuple) or not all(
        isinstance(i, int) and not isinstance(i, bool) and 0 <= i < MAX_OPTION_INDEX for i in raw
    ):
        raise AttemptError(f"Câu {position}: lựa chọn không hợp lệ.", 400)
    return sorted(set(raw))


def _owned_open_attempt_id(public_id: str, user_id: int, cutoff: datetime):
    return (
        sa.select(Attempt.id)
        .join(Registration, Registration.id == Attempt.registration_id)
        .where(Attempt.public_id == public_id, Registration.user_id == user_id,
               Attempt.status == AttemptStatus.OPEN, Attempt.deadline > cutoff)
        .with_for_update(read=True, of=Attempt)  # FOR SHARE: a claim waits for this answer
        .scalar_subquery()
    )


def save_answer(user_id: int, public_id: str, position: int, selected,
                *, now: datetime | None = None) -> datetime:
    """Save one answer with a single UPDATE; explain the refusal only when it matches nothing."""
    now = now or utcnow()
    chosen = _selection(selected, position)
    conditions = [
        AttemptItem.attempt_id == _owned_open_attempt_id(public_id, user_id, now - grace()),
        AttemptItem.position == position,
    ]
    if chosen:
        conditions.append(AttemptItem.option_count > chosen[-1])
    if len(chosen) > 1:
        conditions.append(AttemptItem.multiple.is_(True))
    result = db.session.execute(
        sa.update(AttemptItem).where(*conditions).values(selected=chosen, answered_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        _explain_refusal(user_id, public_id, position, chosen, now)
    return now


def _explain_refusal(user_id: int, public_id: str, position: int, chosen: list[int],
                     now: datetime) -> None:
    from contest.attempts.queries import owned_attempt

    attempt = owned_attempt(public_id, user_id)
    if attempt is None:
        raise AttemptError("Không tìm thấy bài thi.", 404)
    if finalize_if_expired(attempt, now) or attempt.status == AttemptStatus.EXPIRED:
        raise AttemptError(LATE_MESSAGE, 409)
    if attempt.status != AttemptStatus.OPEN:
        raise AttemptError(CLOSED_MESSAGE, 409)
    if now > attempt.deadline + grace():
        raise AttemptError(LATE_MESSAGE, 409)
    item = next((i for i in attempt.items if i.position == position), None)
    if item is None:
        raise AttemptError(f"Bài thi không có câu số {position}.", 404)
    if chosen and chosen[-1] >= item.option_count:
        raise AttemptError(f"Câu {position}: phương án không tồn tại.", 400)
    if len(chosen) > 1 and not item.multiple:
        raise AttemptError(f"Câu {position} chỉ được chọn một đáp án.", 400)
    raise AttemptError("Chưa lưu được câu trả lời. Vui lòng thử lại.", 409)


def save_answers(attempt: Attempt, answers: Mapping[int, Iterable[int]],
                 *, now: datetime | None = None) -> None:
    """Save every answer of a plain HTML form at once; positions missing are cleared."""
    now = now or utcnow()
    if attempt.status != AttemptStatus.OPEN or now > attempt.deadline + grace():
        return  # finalisation keeps what was saved in time
    for item in attempt.items:
        chosen = _selection(list(answers.get(item.position, [])), item.position)
        if chosen and chosen[-1] >= item.option_count:
            raise AttemptError(f"Câu {item.position}: phương án không tồn tại.", 400)
        if len(chosen) > 1 and not item.multiple:
            raise AttemptError(f"Câu {item.position} chỉ được chọn một đáp án.", 400)
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
        raise AttemptError("Câu hỏi dự đoán: vui lòng nhập một con số.", 400) from error
    if not math.isfinite(value) or value < 0:
        raise AttemptError("Câu hỏi dự đoán: vui lòng nhập một số không âm.", 400)
    if round_.prediction_kind == PredictionKind.FULL_MARKS_PERCENT and value > 100:
        raise AttemptError("Câu hỏi dự đoán: tỉ lệ phần trăm không được lớn hơn 100.", 400)
    return value


def _claim(attempt: Attempt, status: str, finished_at: datetime, *where, **values) -> bool:
    """Move an open attempt to ``status``; True for the one caller that wins the race."""
    result = db.session.execute(
        sa.update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.status == AttemptStatus.OPEN, *where)
        .values(status=status, finished_at=finished_at, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(attempt)
    return result.rowcount == 1


def _grade(attempt: Attempt) -> None:
    items = db.session.scalars(
        sa.select(AttemptItem).where(AttemptItem.attempt_id == attempt.id)
        .order_by(AttemptItem.position).execution_options(populate_existing=True)
    ).all()
    grade = grade_paper([(i.selected, i.correct, i.weight) for i in items])
    for item, item_grade in zip(items, grade.items, strict=True):
        item.is_correct = item_grade.is_correct
    attempt.score = grade.score
    attempt.max_score = grade.max_score
    attempt.duration_seconds = (attempt.finished_at - attempt.started_at).total_seconds()
    db.session.flush()


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
        raise AttemptError(f"Theo thể lệ, cần trả lời tất cả các câu. Còn {missing} câu "
                           "chưa trả lời.", 409)
    finished_at = min(now, attempt.deadline)  # time taken never exceeds the limit
    if _claim(attempt, AttemptStatus.SUBMITTED, finished_at,
              Attempt.deadline > now - grace(), prediction=value):
        _grade(attempt)
        return True
    return finalize_if_expired(attempt, now)


def finalize_if_expired(attempt: Attempt, now: datetime | None = None) -> bool:
    """Close an open attempt past its deadline (plus grace) as it was at the deadline."""
    now = now or utcnow()
    if attempt.status != AttemptStatus.OPEN or now <= attempt.deadline + grace():
        return False
    if _claim(attempt, AttemptStatus.EXPIRED, attempt.deadline):
        _grade(attempt)
        return True
    return False


def finalize_stale(where, now: datetime | None = None) -> int:
    """Finalise the open attempts matching ``where`` whose deadline plus grace has passed."""
    now = now or utcnow()
    stale = db.session.scalars(
        sa.select(Attempt).where(where, Attempt.status == AttemptStatus.OPEN,
                                 Attempt.deadline < now - grace())
    ).all()
    return sum(1 for attempt in stale if finalize_if_expired(attempt, now))


def finalize_expired(now: datetime | None = None) -> int:
    """Finalise every open attempt whose time is up (for the scheduler); returns how many."""
    return finalize_stale(sa.true(), now)
