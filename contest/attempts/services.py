"""Start, answer and submit attempts (starting: start.py; claiming, grading and finalising:
finalise.py; both re-exported here).

Concurrency: starts lock the Registration row (SELECT ... FOR UPDATE) and the unique
(round_id, registration_id, number) constraint backs that up; submitting and finalising claim the
attempt with a conditional UPDATE ... WHERE status = 'open', so only one caller ever grades it;
an answer is one UPDATE whose subquery takes a share lock on the open attempt row, so it either
lands before the attempt is claimed (and is graded) or is refused.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from contest.attempts.finalise import (
    claim,
    finalize_expired,
    finalize_if_expired,
    finalize_stale,
    grace,
    grade,
)
from contest.attempts.late import record_late
from contest.attempts.models import Attempt, AttemptItem, AttemptStatus
from contest.attempts.policies import AttemptError
from contest.attempts.standing import check_standing
from contest.attempts.start import StartConflict, Started, start_attempt
from contest.contests.models import PredictionKind, Registration, Round, RoundDisqualification
from contest.extensions import db, utcnow
from contest.vocabulary import DEFAULTS

__all__ = [
    "AttemptError", "AttemptNotFound", "StartConflict", "KEEP", "Started", "start_attempt",
    "save_answer", "save_answers",
    "save_prediction", "submit_attempt", "finalize_if_expired", "finalize_stale",
    "finalize_expired", "grace", "parse_prediction",
]

class AttemptNotFound(AttemptError):
    """Not the user's attempt, or no such attempt."""

    status = 404


KEEP = object()  # submit without a prediction value: keep the one saved earlier


LATE_MESSAGE = _l("Đã hết giờ làm bài: câu trả lời gửi sau thời hạn không được ghi nhận. "
                   "Bài thi được chốt theo các câu trả lời đã lưu trước thời hạn.")
CLOSED_MESSAGE = _l("Bài thi đã được nộp, không thể thay đổi câu trả lời.")


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
    attempt, item, registration, excluded = (Attempt.__table__, AttemptItem.__table__,
                                             Registration.__table__,
                                             RoundDisqualification.__table__)
    owned_open_attempt = (
        sa.select(attempt.c.id)
        .join(registration, registration.c.id == attempt.c.registration_id)
        .where(attempt.c.public_id == sa.bindparam("public_id"),
               registration.c.user_id == sa.bindparam("user_id"),
               registration.c.disqualified.is_(False),
               ~sa.exists().where(excluded.c.registration_id == attempt.c.registration_id,
                                  excluded.c.round_id == attempt.c.round_id),
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
    """Save one answer with a single UPDATE; explain the refusal only when it matches nothing.

    ``now`` is when the answer arrived (contest/arrival.py): lateness is judged on it.
    """
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
    """Say why an answer matched nothing; an answer refused as late is recorded first."""
    from contest.attempts.queries import owned_attempt

    attempt = owned_attempt(public_id, user_id)
    if attempt is None:
        raise AttemptNotFound(_("Không tìm thấy bài thi."), 404)
    check_standing(attempt.registration_id, attempt.round_id)
    late = now > attempt.deadline + grace()
    if finalize_if_expired(attempt, arrived=now) or attempt.status == AttemptStatus.EXPIRED:
        late = True
    elif attempt.status != AttemptStatus.OPEN:
        raise AttemptError(CLOSED_MESSAGE, 409)
    if late:
        if any(i.position == position for i in attempt.items):
            record_late(attempt, position, chosen, now)
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
    """Save every answer of a plain HTML form at once; positions missing are cleared.

    Past deadline + grace nothing is saved (finalisation keeps what was saved in time) and
    each answer that differs from the saved one is recorded as refused late.
    """
    now = now or utcnow()
    if attempt.status != AttemptStatus.OPEN:
        return
    if now > attempt.deadline + grace():
        for item in attempt.items:
            sent = sorted({int(i) for i in answers.get(item.position, [])})
            if sent != sorted(item.selected or []):
                record_late(attempt, item.position, sent, now)
        return
    check_standing(attempt.registration_id, attempt.round_id)
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
    if round(value, DEFAULTS.prediction_decimals) != value:
        raise AttemptError(_("Câu hỏi dự đoán: tối đa %(n)s chữ số sau dấu thập phân.",
                             n=DEFAULTS.prediction_decimals), 400)
    if round_.prediction_kind == PredictionKind.FULL_MARKS_PERCENT and value > 100:
        raise AttemptError(_("Câu hỏi dự đoán: tỉ lệ phần trăm không được lớn hơn 100."),
                           400)
    return value


def save_prediction(attempt: Attempt, raw, *, now: datetime | None = None) -> float | None:
    """Keep the prediction typed so far on the open attempt (so time running out keeps it)."""
    now = now or utcnow()
    check_standing(attempt.registration_id, attempt.round_id)
    value = parse_prediction(attempt.round, raw)
    if finalize_if_expired(attempt, arrived=now) or now > attempt.deadline + grace():
        raise AttemptError(LATE_MESSAGE, 409)
    if attempt.status != AttemptStatus.OPEN:
        raise AttemptError(CLOSED_MESSAGE, 409)
    attempt.prediction = value
    db.session.flush()
    return value


def submit_attempt(attempt: Attempt, *, prediction=KEEP,
                   now: datetime | None = None) -> bool:
    """Submit and grade once; True only for the call that graded it (other tabs get False).

    ``now`` is when the submit arrived: one that arrived by deadline + grace is ``submitted``
    however long it waited in a queue (contest/arrival.py bounds that wait).
    """
    now = now or utcnow()
    if finalize_if_expired(attempt, arrived=now):
        return True
    if attempt.status != AttemptStatus.OPEN:
        return False
    check_standing(attempt.registration_id, attempt.round_id)
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
    return finalize_if_expired(attempt, arrived=now)
