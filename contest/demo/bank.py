"""Load the demo question bank through the question-bank services."""

from __future__ import annotations

import sqlalchemy as sa

from contest.demo.questions import QUESTIONS, banks_for
from contest.extensions import db
from question_bank.models import Question, ReformArea
from question_bank.services import create_question, get_or_create_bank


def seed_questions() -> int:
    """Create the demo questions (by code) that are missing; return how many were created."""
    area_ids = dict(db.session.execute(sa.select(ReformArea.position, ReformArea.id)).all())
    existing = set(db.session.scalars(
        sa.select(Question.code).where(Question.code.in_([q["code"] for q in QUESTIONS]))
    ))
    for bank in dict.fromkeys(name for q in QUESTIONS for name in banks_for(q)):
        get_or_create_bank(bank)
    created = 0
    for q in QUESTIONS:
        if q["code"] in existing:
            continue
        create_question(
            code=q["code"], text=q["text"], area_id=area_ids[q["area"]],
            difficulty=q["difficulty"], options=list(q["options"]), correct=list(q["correct"]),
            keep_in_place=q.get("keep_in_place"), explanation=q.get("explanation", ""),
            legal_basis=q.get("legal_basis", ""), banks=banks_for(q),
        )
        created += 1
    return created
