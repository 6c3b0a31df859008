"""Save several answers of one attempt in one request, each acknowledged on its own.

The page's offline queue flushes in one request instead of one per answer, so a surge at the
close drains. Each answer is still its own one-row UPDATE (services.save_answer): one refused
answer (late, bad index) never undoes another, and an answer refused as late is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from contest.attempts.policies import AttemptError
from contest.attempts.services import AttemptNotFound, save_answer

MAX_BATCH = 200  # more answers than any paper has


@dataclass(frozen=True)
class Saved:
    """One answer's acknowledgement: saved with its time, or refused with status and reason."""

    position: int
    saved: bool
    answered_at: datetime | None = None
    status: int = 200
    message: str = ""


def parse_batch(body: dict) -> list[tuple[int, object]]:
    """``{"answers": [{"position": 3, "selected": [1]}, ...]}`` -> [(3, [1]), ...]."""
    answers = body.get("answers")
    if not isinstance(answers, list) or not answers:
        raise AttemptError(_("Danh sách câu trả lời (answers) phải là một mảng không rỗng."), 400)
    if len(answers) > MAX_BATCH:
        raise AttemptError(_("Mỗi lần gửi tối đa %(n)s câu trả lời.", n=MAX_BATCH), 400)
    parsed = []
    for number, entry in enumerate(answers, start=1):
        position = entry.get("position") if isinstance(entry, dict) else None
        if not isinstance(position, int) or isinstance(position, bool) or not 0 < position < 2**31:
            raise AttemptError(_("Câu trả lời thứ %(n)s: thiếu số thứ tự câu (position) hợp lệ.",
                                 n=number), 400)
        parsed.append((position, entry.get("selected")))
    return parsed


def save_batch(user_id: int, public_id: str, answers: list[tuple[int, object]],
               arrived: datetime) -> list[Saved]:
    """Save each answer in order (a later one for the same position wins); never raises for
    one answer's refusal, only for an attempt that is not the user's (404)."""
    results = []
    for position, selected in answers:
        try:
            answered_at = save_answer(user_id, public_id, position, selected, now=arrived)
        except AttemptError as error:
            if isinstance(error, AttemptNotFound):
                raise
            results.append(Saved(position, False, status=error.status, message=error.message))
        else:
            results.append(Saved(position, True, answered_at=answered_at))
    return results
