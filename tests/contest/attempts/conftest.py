"""Factories for attempt tests: a published contest with an open round and a question bank.

Built straight from the models so these tests do not depend on the contest-setup services.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from types import SimpleNamespace

import pytest

from contest.attempts.prepared import prepare_papers
from contest.contests.models import Contest, EntrantGroup, Registration, Round
from contest.extensions import db, utcnow
from question_bank.fingerprint import fingerprint
from question_bank.models import Bank, Question, QuestionOption


def add_questions(bank: Bank, per_area: int = 3, multi_every: int = 4) -> list[Question]:
    """``per_area`` questions in each reform area; every ``multi_every``-th has two answers."""
    questions = []
    for area in range(1, 7):
        for n in range(per_area):
            number = len(bank.questions) + 1
            texts = [f"Phương án {letter} của câu {number}" for letter in "ABCD"]
            correct = {1, 3} if number % multi_every == 0 else {1}
            question = Question(
                code=f"T{bank.id:03d}{number:04d}", text=f"Câu hỏi số {number} (lĩnh vực {area})",
                area_id=area, difficulty=1 + n % 3, fingerprint=fingerprint(f"{number}", texts),
                options=[QuestionOption(position=i, text=t, is_correct=i in correct)
                         for i, t in enumerate(texts)],
            )
            bank.questions.append(question)
            questions.append(question)
    db.session.flush()
    return questions


@pytest.fixture
def make_round(app) -> Callable:
    """Factory: ``make_round(question_count=5, attempt_policy="unlimited", ...)``."""

    def factory(contest: Contest | None = None, per_area: int = 3, **fields) -> Round:
        if contest is None:
            contest = Contest(title="Cuộc thi tìm hiểu CCHC 2025", status="published")
            bank = Bank(name=f"Ngân hàng {utcnow().timestamp()}-{id(contest)}")
            db.session.add_all([contest, bank])
            db.session.flush()
            add_questions(bank, per_area)
            contest.groups.append(EntrantGroup(name="Khối CBCCVC", banks=[bank]))
        now = utcnow()
        fields.setdefault("name", f"Tuần {len(contest.rounds) + 1}")
        fields.setdefault("opens_at", now - timedelta(hours=1))
        fields.setdefault("closes_at", now + timedelta(days=1))
        fields.setdefault("question_count", 5)
        fields.setdefault("time_limit_minutes", 20)
        round_ = Round(contest=contest, **fields)
        db.session.add(round_)
        db.session.commit()
        return round_

    return factory


@pytest.fixture
def register(app) -> Callable:
    """Factory: ``register(user, contest)`` adds a registration in the contest's first group."""

    def factory(user, contest: Contest, group: EntrantGroup | None = None) -> Registration:
        registration = Registration(contest=contest, user_id=user.id,
                                    group=group or contest.groups[0], consent_at=utcnow())
        db.session.add(registration)
        db.session.commit()
        return registration

    return factory


@pytest.fixture
def setup(make_round, register, make_user) -> Callable:
    """Factory: an open round and a registered entrant -> namespace(round, user, registration)."""

    def factory(**fields) -> SimpleNamespace:
        round_ = make_round(**fields)
        user = make_user()
        registration = register(user, round_.contest)
        return SimpleNamespace(round=round_, user=user, registration=registration,
                               contest=round_.contest)

    return factory


def prepared(setup, register, make_user, entrants: int = 3, **fields):
    """An open round with ``entrants`` registered entrants and one paper prepared for each."""
    ctx = setup(**fields)
    ctx.others = [make_user() for _ in range(entrants - 1)]
    for user in ctx.others:
        register(user, ctx.contest)
    drawn = prepare_papers(ctx.round, rng=random.Random(3))
    db.session.commit()
    assert list(drawn.values()) == [entrants]
    return ctx
