"""Read side: find an entrant's attempts and shape them for pages and the JSON API."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from contest.attempts.models import Attempt, AttemptItem, AttemptStatus
from contest.attempts.paper import entrant_question
from contest.contests.models import (
    Contest,
    ContestStatus,
    PredictionKind,
    Registration,
    ReviewPolicy,
    Round,
)
from contest.extensions import db, utcnow

if TYPE_CHECKING:
    from contest.attempts.start import Started

# Shown where the rank goes while the round has no published results (rank_for returns None).
RANK_PENDING = _l("Kết quả xếp hạng sẽ được công bố sau khi Ban giám khảo xác nhận")


def rank_for(attempt: Attempt) -> str | None:
    """The entrant's rank (and prize) in the round's published results, or None before."""
    from contest.results.services import current  # results builds on attempts, not back

    snapshot = current(attempt.round)
    if snapshot is None:
        return None
    for group in snapshot.data.get("groups", []):
        for row in group.get("rows", []):
            if row.get("registration_id") == attempt.registration_id:
                prize = row.get("prize_label")
                if prize:
                    return _("Hạng %(rank)s — %(prize)s", rank=row["rank"], prize=prize)
                return _("Hạng %(rank)s", rank=row["rank"])
    return None


def owned_attempt(public_id: str, user_id: int, *, with_items: bool = True) -> Attempt | None:
    """The attempt if it belongs to this user, else None (callers answer 404).

    ``with_items=False`` skips loading the paper for callers that do not show it (submitting
    reloads the items itself once the attempt is claimed).
    """
    query = (
        sa.select(Attempt)
        .join(Registration, Registration.id == Attempt.registration_id)
        .where(Attempt.public_id == public_id, Registration.user_id == user_id)
    )
    return db.session.scalar(query.options(selectinload(Attempt.items)) if with_items else query)


def iso(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


def answered_count(attempt: Attempt) -> int:
    return sum(1 for item in attempt.items if item.selected)


def review_allowed(attempt: Attempt, now: datetime | None = None) -> bool:
    """Whether the entrant may see the correct answers now (never while the attempt is open)."""
    if attempt.status == AttemptStatus.OPEN:
        return False
    policy = attempt.round.review_policy
    if policy == ReviewPolicy.AFTER_SUBMIT:
        return True
    if policy == ReviewPolicy.AFTER_CLOSE:
        return (now or utcnow()) >= attempt.round.closes_at
    return False


def hidden_keys(attempt: Attempt) -> set[int]:
    """Positions of ``attempt`` whose key must not be shown to its entrant yet: questions
    that are also in an attempt of theirs still open (another attempt of the round, or a
    later round drawing from the same bank). Shown again once those attempts close."""
    question_ids = {item.question_id for item in attempt.items}
    if not question_ids:
        return set()
    still_open = set(db.session.scalars(
        sa.select(AttemptItem.question_id).distinct()
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .join(Registration, Registration.id == Attempt.registration_id)
        .where(Registration.user_id == attempt.registration.user_id,
               Attempt.status == AttemptStatus.OPEN, Attempt.id != attempt.id,
               AttemptItem.question_id.in_(question_ids))))
    return {item.position for item in attempt.items if item.question_id in still_open}


def prediction_info(round_: Round) -> dict[str, Any]:
    asked = round_.prediction_kind != PredictionKind.NONE
    return {"asked": asked, "prompt": round_.prediction_prompt if asked else "",
            "kind": round_.prediction_kind}


def _head(attempt: Attempt, round_, now: datetime, answered: int) -> dict[str, Any]:
    return {
        "attempt_id": attempt.public_id, "status": attempt.status,
        "round": {"id": attempt.round_id, "name": round_.name},
        "started_at": iso(attempt.started_at), "deadline": iso(attempt.deadline),
        "server_time": iso(now), "answered": answered, "prediction": prediction_info(round_),
    }


def paper_json(attempt: Attempt, now: datetime | None = None) -> dict[str, Any]:
    """The paper for the API. Correct answers only when review is allowed, never while open."""
    now = now or utcnow()
    review = review_allowed(attempt, now)
    hidden = hidden_keys(attempt) if review else set()
    questions = []
    for item in attempt.items:
        question = entrant_question(item.position, item.text, item.options, item.multiple,
                                    len(item.correct), item.selected)
        if review and item.position not in hidden:
            question.update(correct=list(item.correct), is_correct=item.is_correct,
                            explanation=item.explanation)
        elif review:
            question["key_hidden"] = True  # in another open attempt of this entrant
        questions.append(question)
    data = {**_head(attempt, attempt.round, now, answered_count(attempt)),
            "questions": questions}
    if attempt.status != AttemptStatus.OPEN:
        data["result"] = result_json(attempt)
    return data


def start_json(started: Started, now: datetime | None = None) -> str:
    """The start's answer as JSON text.

    A new attempt's questions come as JSON text already (prepared with the paper), so they
    are spliced in as they are instead of being parsed and encoded again on the hot path.
    """
    if started.questions is None:
        return current_app.json.dumps({"created": False, **paper_json(started.attempt, now)})
    head = {"created": True, **_head(started.attempt, started.round, now or utcnow(), 0)}
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    return f'{text[:-1]},"questions":{started.questions}}}'


def result_json(attempt: Attempt) -> dict[str, Any]:
    return {
        "status": attempt.status, "score": attempt.score, "max_score": attempt.max_score,
        "duration_seconds": attempt.duration_seconds, "prediction": attempt.prediction,
        "finished_at": iso(attempt.finished_at) if attempt.finished_at else None,
        "rank": rank_for(attempt),
    }


def mmss(seconds: float | None) -> str:
    """Time taken as mm:ss (minutes may exceed 59)."""
    if seconds is None:
        return ""
    whole = int(round(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def my_attempts(user_id: int) -> list[Attempt]:
    """The user's attempts, newest first."""
    return list(db.session.scalars(
        sa.select(Attempt)
        .join(Registration, Registration.id == Attempt.registration_id)
        .where(Registration.user_id == user_id)
        .order_by(Attempt.started_at.desc())
        .options(selectinload(Attempt.round).selectinload(Round.contest))
    ))


def open_rounds(user_id: int, now: datetime | None = None) -> list[Round]:
    """Open rounds of published contests the user is registered for."""
    now = now or utcnow()
    return list(db.session.scalars(
        sa.select(Round)
        .join(Contest, Contest.id == Round.contest_id)
        .join(Registration, Registration.contest_id == Contest.id)
        .where(Registration.user_id == user_id, Contest.status == ContestStatus.PUBLISHED,
               Round.opens_at <= now, Round.closes_at > now)
        .order_by(Round.closes_at)
    ))
