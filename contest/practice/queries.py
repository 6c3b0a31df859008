"""Reads for the practice pages and the organisers' dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from contest.contests.models import Contest
from contest.extensions import db
from contest.practice.models import PracticeAnswer, PracticeProgress, PracticeSetting
from contest.practice.safety import safe_questions
from contest.vocabulary import ContestStatus
from question_bank.models import Question, ReformArea


@dataclass(frozen=True)
class AreaRow:
    id: int
    name: str
    questions: int  # practice-safe questions
    seen: int = 0  # the user's: questions practised
    learnt: int = 0  # last answer right
    due: int = 0  # due again now


def areas(now: datetime, user_id: int | None) -> list[AreaRow]:
    """Each reform area with its practice-safe question count (and the user's progress)."""
    counts = dict(db.session.execute(
        sa.select(Question.area_id, sa.func.count()).where(Question.id.in_(safe_questions(now)))
        .group_by(Question.area_id)).all())
    progress: dict[int, tuple[int, int, int]] = {}
    if user_id is not None:
        P = PracticeProgress
        for area_id, seen, learnt, due in db.session.execute(
                sa.select(P.area_id, sa.func.count(),
                          sa.func.count().filter(P.interval_days > 0),
                          sa.func.count().filter(P.due_at <= now))
                .where(P.user_id == user_id).group_by(P.area_id)):
            progress[area_id] = (seen, learnt, due)
    return [AreaRow(a.id, a.name, counts.get(a.id, 0), *progress.get(a.id, (0, 0, 0)))
            for a in db.session.scalars(sa.select(ReformArea).order_by(ReformArea.position))]


def practice_contests() -> list[Contest]:
    """Published contests whose organiser chose a practice bank."""
    return list(db.session.scalars(
        sa.select(Contest).join(PracticeSetting, PracticeSetting.contest_id == Contest.id)
        .where(PracticeSetting.bank_id.is_not(None),
               Contest.status == ContestStatus.PUBLISHED).order_by(Contest.title)))


@dataclass(frozen=True)
class MissRow:
    area: str
    topic: str
    answers: int
    wrong: int

    @property
    def percent_wrong(self) -> float:
        return round(100 * self.wrong / self.answers, 1) if self.answers else 0.0


def misses_by_area_topic() -> list[MissRow]:
    """Anonymous practice answers and wrong answers per reform area and topic, most missed
    first (every practice answer on the site: practice is not tied to one contest)."""
    A = PracticeAnswer
    rows = db.session.execute(
        sa.select(ReformArea.name, A.topic, sa.func.count(),
                  sa.func.count().filter(A.is_correct.is_(False)))
        .join(ReformArea, ReformArea.id == A.area_id)
        .group_by(ReformArea.name, ReformArea.position, A.topic)
        .order_by(ReformArea.position, A.topic)).all()
    return sorted((MissRow(*r) for r in rows), key=lambda r: -r.percent_wrong)


@dataclass(frozen=True)
class MissedQuestion:
    code: str
    text: str
    answers: int
    wrong: int


def most_missed(limit: int = 10, minimum: int = 3) -> list[MissedQuestion]:
    """The questions practised at least ``minimum`` times that are most often answered wrong."""
    A = PracticeAnswer
    wrong = sa.func.count().filter(A.is_correct.is_(False))
    rows = db.session.execute(
        sa.select(Question.code, Question.text, sa.func.count(), wrong)
        .join(Question, Question.id == A.question_id)
        .group_by(Question.id, Question.code, Question.text)
        .having(sa.func.count() >= minimum)
        .order_by((wrong * 1.0 / sa.func.count()).desc(), Question.code).limit(limit))
    return [MissedQuestion(*r) for r in rows]
