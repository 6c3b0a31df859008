"""Build an entrant's paper from their group's banks, using question_bank.drawing."""

from __future__ import annotations

import random

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from contest.attempts.models import AttemptItem
from contest.contests.models import Round, group_bank_link
from contest.extensions import db
from question_bank.drawing import (
    CandidateQuestion,
    DrawnQuestion,
    OptionData,
    choose_questions,
    fix_question,
)
from question_bank.models import Question, QuestionStatus, question_bank_link


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


def _with_options(question: Question) -> CandidateQuestion:
    return CandidateQuestion(
        id=question.id,
        area=question.area_id,
        difficulty=question.difficulty,
        text=question.text,
        explanation=question.explanation,
        options=tuple(OptionData(o.text, o.is_correct, o.keep_in_place)
                      for o in question.options),
    )


def draw_items(group_id: int, round_: Round, rng: random.Random | None = None) -> list[AttemptItem]:
    """Draw the paper and copy it into unsaved AttemptItems (raises DrawError)."""
    rng = rng or random.SystemRandom()
    chosen = choose_questions(round_.recipe or [], round_.question_count,
                              candidate_questions(group_id), rng, round_.shuffle_questions)
    # Only the chosen questions' text and options are loaded.
    loaded = {q.id: q for q in db.session.scalars(
        sa.select(Question).where(Question.id.in_([c.id for c in chosen]))
        .options(selectinload(Question.options))
    )}
    drawn = [fix_question(_with_options(loaded[c.id]), rng, round_.shuffle_options)
             for c in chosen]
    return [_item(position, question) for position, question in enumerate(drawn, start=1)]


def _item(position: int, question: DrawnQuestion) -> AttemptItem:
    return AttemptItem(
        position=position,
        question_id=question.question_id,
        area_id=question.area,
        difficulty=question.difficulty,
        weight=question.weight,
        text=question.text,
        options=list(question.options),
        correct=list(question.correct),
        option_count=len(question.options),
        multiple=len(question.correct) > 1,
        explanation=question.explanation,
    )
