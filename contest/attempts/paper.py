"""Build an entrant's paper from their group's banks, using question_bank.drawing.

Starting an attempt is the contest's synchronised peak (thousands of entrants press "Bắt đầu" in
the same minute), so this module reads plain rows instead of ORM objects and writes the attempt
and its items with two INSERT statements (the items in one multi-row INSERT) instead of the
unit of work. ``benchmarks/profile_start.py`` measures the difference. Papers can also be drawn
ahead, many at once (``draw_papers``, used by prepared.py).
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import make_transient_to_detached

from contest.attempts.models import Attempt, AttemptItem
from contest.contests.models import group_bank_link, paper_settings
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


def draw_items(group_id: int, round_, rng: random.Random | None = None
               ) -> list[dict[str, Any]]:
    """Draw the paper and copy it into AttemptItem rows, ready to insert (raises DrawError).

    ``round_`` is a Round or a row with its draw settings (recipe, question_count,
    group_recipes, shuffle_questions, shuffle_options); the group's own recipe wins.
    """
    rng = rng or random.SystemRandom()
    recipe, question_count = paper_settings(round_, group_id)
    chosen = choose_questions(recipe, question_count,
                              candidate_questions(group_id), rng, round_.shuffle_questions)
    return _fix(chosen, with_options(chosen), round_, rng)


def draw_papers(group_id: int, round_, count: int, rng: random.Random | None = None
                ) -> list[list[dict[str, Any]]]:
    """Draw ``count`` independent papers, each exactly as ``draw_items`` would.

    The candidates and their options are read once for all of them (raises DrawError).
    """
    rng = rng or random.SystemRandom()
    candidates = candidate_questions(group_id)
    loaded = with_options(candidates) if candidates and count else {}
    papers = []
    recipe, question_count = paper_settings(round_, group_id)
    for _ in range(count):
        chosen = choose_questions(recipe, question_count, candidates, rng,
                                  round_.shuffle_questions)
        papers.append(_fix(chosen, loaded, round_, rng))
    return papers


def _fix(chosen: list[CandidateQuestion], loaded: dict[int, CandidateQuestion], round_,
         rng: random.Random) -> list[dict[str, Any]]:
    drawn = [fix_question(loaded[c.id], rng, round_.shuffle_options) for c in chosen]
    return [_item(position, question) for position, question in enumerate(drawn, start=1)]


def entrant_question(position: int, text: str, options: Sequence[str], multiple: bool,
                     correct_count: int, selected: Sequence[int] | None) -> dict[str, Any]:
    """One question as the entrant sees it while the attempt is open: never the answer."""
    question = {"position": position, "text": text, "options": list(options),
                "multiple": multiple, "selected": list(selected or [])}
    if multiple:
        question["choose"] = correct_count
    return question


def questions_json(items: Sequence[dict[str, Any]]) -> str:
    """A new paper's questions for the API, as JSON text (what ``paper_json`` shows)."""
    return json.dumps([
        entrant_question(i["position"], i["text"], i["options"], i["multiple"],
                         len(i["correct"]), None) for i in items
    ], ensure_ascii=False, separators=(",", ":"))


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
    }


INSERT_ATTEMPT = sa.insert(Attempt.__table__).returning(*Attempt.__table__.c)
INSERT_ITEMS = sa.insert(AttemptItem.__table__)


def insert_attempt(values: dict[str, Any], items: Sequence[dict[str, Any]]) -> Attempt:
    """INSERT the attempt, then all its items in one statement; return the attempt.

    Raises IntegrityError when a parallel start took the same attempt number. The returned
    Attempt is persistent in the session, built from the INSERT's RETURNING row (no ORM unit
    of work, no read-back); its items and round load lazily if something asks for them.
    """
    connection = db.session.connection()
    row = connection.execute(INSERT_ATTEMPT, values).one()
    connection.execute(INSERT_ITEMS, [{"attempt_id": row.id, **item} for item in items])
    return persistent_attempt(row)


def persistent_attempt(row: sa.Row) -> Attempt:
    """The Attempt for a row just inserted (all columns), in the session without a query."""
    attempt = Attempt(**{column.key: row._mapping[column.name]
                         for column in Attempt.__table__.c})
    make_transient_to_detached(attempt)
    db.session.add(attempt)
    return attempt
