"""Build an entrant's paper from their group's banks, using question_bank.drawing.

Starting an attempt is the contest's synchronised peak (thousands of entrants press "Bắt đầu" in
the same minute), so this module reads plain rows instead of ORM objects and writes the attempt
and its items with two INSERT statements (the items in one multi-row INSERT) instead of the
unit of work. ``benchmarks/profile_start.py`` measures the difference.
"""

from __future__ import annotations

import random
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value

from contest.attempts.models import Attempt, AttemptItem
from contest.contests.models import Round, group_bank_link
from contest.extensions import db
from question_bank.drawing import (
    CandidateQuestion,
    DrawnQuestion,
    OptionData,
    choose_questions,
    fix_question,
)
from question_bank.models import Question, QuestionOption, QuestionStatus, question_bank_link


def candidate_questions(group_id: int) -> list[CandidateQuestion]:
    """Active questions of the group's banks, as light metadata (no text, no options)."""
    rows = db.session.execute(
        sa.select(Question.id, Question.area_id, Question.difficulty)
        .join(question_bank_link, question_bank_link.c.question_id == Question.id)
        .join(group_bank_link, group_bank_link.c.bank_id == question_bank_link.c.bank_id)
        .where(group_bank_link.c.group_id == group_id,
               Question.status == QuestionStatus.ACTIVE)
        .distinct()
    ).all()
    return [CandidateQuestion(id=qid, area=area, difficulty=diff) for qid, area, diff in rows]


def with_options(chosen: list[CandidateQuestion]) -> dict[int, CandidateQuestion]:
    """Text and options of the chosen questions only, in one query of plain rows."""
    rows = db.session.execute(
        sa.select(Question.id, Question.text, Question.explanation,
                  QuestionOption.text, QuestionOption.is_correct, QuestionOption.keep_in_place)
        .join(QuestionOption, QuestionOption.question_id == Question.id)
        .where(Question.id.in_([c.id for c in chosen]))
        .order_by(Question.id, QuestionOption.position)
    ).all()
    texts: dict[int, tuple[str, str]] = {}
    options: dict[int, list[OptionData]] = {}
    for qid, text, explanation, option_text, is_correct, keep in rows:
        texts[qid] = (text, explanation)
        options.setdefault(qid, []).append(OptionData(option_text, is_correct, keep))
    return {
        c.id: CandidateQuestion(id=c.id, area=c.area, difficulty=c.difficulty,
                                text=texts[c.id][0], explanation=texts[c.id][1],
                                options=tuple(options[c.id]))
        for c in chosen
    }


def draw_items(group_id: int, round_: Round, rng: random.Random | None = None
               ) -> list[dict[str, Any]]:
    """Draw the paper and copy it into AttemptItem rows, ready to insert (raises DrawError)."""
    rng = rng or random.SystemRandom()
    chosen = choose_questions(round_.recipe or [], round_.question_count,
                              candidate_questions(group_id), rng, round_.shuffle_questions)
    loaded = with_options(chosen)
    drawn = [fix_question(loaded[c.id], rng, round_.shuffle_options) for c in chosen]
    return [_item(position, question) for position, question in enumerate(drawn, start=1)]


def _item(position: int, question: DrawnQuestion) -> dict[str, Any]:
    return {
        "position": position,
        "question_id": question.question_id,
        "area_id": question.area,
        "difficulty": question.difficulty,
        "weight": question.weight,
        "text": question.text,
        "options": list(question.options),
        "correct": list(question.correct),
        "option_count": len(question.options),
        "multiple": len(question.correct) > 1,
        "explanation": question.explanation,
        "selected": None,
        "answered_at": None,
        "is_correct": None,
    }


def insert_attempt(round_: Round, values: dict[str, Any], items: list[dict[str, Any]]) -> Attempt:
    """INSERT the attempt, then all its items in one statement; return the loaded attempt.

    Raises IntegrityError when a parallel start took the same attempt number. The returned
    Attempt is persistent in the session with ``round`` and ``items`` already set, so rendering
    the new paper costs no further query.
    """
    attempt = db.session.scalars(
        sa.insert(Attempt).returning(Attempt), [{"round_id": round_.id, **values}]
    ).one()
    rows = [{"attempt_id": attempt.id, **item} for item in items]
    db.session.connection().execute(sa.insert(AttemptItem.__table__), rows)
    set_committed_value(attempt, "round", round_)
    return attempt
