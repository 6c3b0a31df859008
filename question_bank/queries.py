"""Read-side queries for the bank pages."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from contest.extensions import db
from contest.sorting import vi_order
from question_bank.models import MAX_TOPIC, Bank, Question, QuestionStatus, question_bank_link
from question_bank.services import available_counts

PER_PAGE = 25


@dataclass
class Filters:
    q: str = ""
    area: int = 0
    difficulty: int = 0
    bank: int = 0
    topic: str = ""
    status: str = QuestionStatus.ACTIVE  # "" = every status
    page: int = 1

    @classmethod
    def from_args(cls, args) -> Filters:
        """Read filters from query arguments; anything malformed falls back to the default."""
        def number(name: str, low: int, high: int, default: int = 0) -> int:
            raw = args.get(name, "")
            return int(raw) if raw.isdigit() and low <= int(raw) <= high else default

        status = args.get("status", QuestionStatus.ACTIVE)
        return cls(
            q=args.get("q", "").strip()[:200], area=number("area", 1, 6),
            difficulty=number("difficulty", 1, 3), bank=number("bank", 1, 10**9),
            topic=" ".join(args.get("topic", "").split())[:MAX_TOPIC],
            status=status if status in {"", *QuestionStatus} else QuestionStatus.ACTIVE,
            page=number("page", 1, 10**6, 1),
        )


def search(filters: Filters) -> tuple[list[Question], int]:
    """One page of questions matching the filters, and the total count."""
    query = sa.select(Question)
    if filters.q:
        like = f"%{filters.q}%"
        query = query.where(sa.or_(Question.text.ilike(like), Question.code.ilike(like)))
    if filters.area:
        query = query.where(Question.area_id == filters.area)
    if filters.difficulty:
        query = query.where(Question.difficulty == filters.difficulty)
    if filters.bank:
        query = query.where(Question.id.in_(sa.select(question_bank_link.c.question_id).where(
            question_bank_link.c.bank_id == filters.bank)))
    if filters.topic:
        query = query.where(Question.topic == filters.topic)
    if filters.status:
        query = query.where(Question.status == filters.status)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    items = db.session.scalars(
        query.options(selectinload(Question.options), selectinload(Question.banks))
        .order_by(Question.code).limit(PER_PAGE).offset((filters.page - 1) * PER_PAGE)
    ).all()
    return list(items), total or 0


def topics() -> list[str]:
    """Every topic questions have (the files' own categories), alphabetically."""
    query = sa.select(Question.topic).where(Question.topic != "").distinct().order_by(
        Question.topic)
    return list(db.session.scalars(query))


def banks() -> list[Bank]:
    return list(db.session.scalars(sa.select(Bank).order_by(vi_order(Bank.name))))


def count_matrix(bank_id: int = 0) -> dict[tuple[int, int], int]:
    """Active questions per (area, difficulty), in one bank or in all questions."""
    if bank_id:
        return available_counts([bank_id])
    query = (sa.select(Question.area_id, Question.difficulty, sa.func.count(Question.id))
             .where(Question.status == QuestionStatus.ACTIVE)
             .group_by(Question.area_id, Question.difficulty))
    return {(a, int(d)): n for a, d, n in db.session.execute(query)}
