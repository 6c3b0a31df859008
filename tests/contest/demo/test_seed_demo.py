"""``flask --app contest seed-demo``: demo units, questions and contest, safe to run again.

Seeding takes a few seconds, so each test checks one whole outcome of a single run.
"""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from contest.accounts.models import User
from contest.attempts.models import Attempt, AttemptItem, AttemptStatus
from contest.contests.models import Contest, ContestStatus, Registration, Round, RoundStatus
from contest.demo.contest import CONTEST_TITLE
from contest.demo.people import DEMO_PASSWORD
from contest.demo.practice import PRACTICE_BANK
from contest.demo.questions import CITIZEN_BANK, STAFF_BANK
from contest.extensions import db, utcnow
from contest.units.models import Block, Unit
from question_bank.models import Bank, Question, QuestionOption

MODELS = (User, Unit, Block, Question, QuestionOption, Bank, Contest, Round, Registration,
          Attempt, AttemptItem)


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def seed(runner) -> str:
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    return result.output


def test_seed_demo_twice_creates_nothing_twice_and_prints_working_logins(runner, auth):
    first = seed(runner)
    before = {model.__name__: count(model) for model in MODELS}
    second = seed(runner)
    assert {model.__name__: count(model) for model in MODELS} == before
    assert before["Contest"] == 1 and before["Unit"] >= 30 and before["Question"] >= 72
    assert "đã có, giữ nguyên" in second
    for output in (first, second):
        assert all(login in output for login in ("admin@demo.vn", "btc@demo.vn", "bgk@demo.vn"))
    entrant = db.session.scalar(
        sa.select(User).join(Registration, Registration.user_id == User.id)
        .order_by(Registration.id).limit(1))
    assert entrant.phone in second and DEMO_PASSWORD in second
    assert auth.login(entrant.phone, DEMO_PASSWORD).status_code == 302


def test_seed_demo_loads_a_unit_tree_and_two_valid_question_banks(runner):
    seed(runner)
    units = db.session.scalars(sa.select(Unit)).all()
    roots = [u for u in units if u.parent_id is None]
    assert len(roots) == 1
    assert len({u.block.name for u in units if u.block}) == 3
    assert all(20 <= u.headcount <= 150 for u in units if u is not roots[0])
    assert db.session.scalar(sa.select(Unit).where(Unit.code == "SN-QH")).path.count("›") == 2

    questions = db.session.scalars(sa.select(Question)).all()
    assert len(questions) >= 60
    assert {q.area_id for q in questions} == {1, 2, 3, 4, 5, 6}
    assert {q.difficulty for q in questions} == {1, 2, 3}
    for q in questions:
        assert 2 <= len(q.options) <= 6, q.code
        assert q.correct_positions, q.code
        assert all(0 <= p < len(q.options) for p in q.correct_positions), q.code
    kept = db.session.scalars(sa.select(QuestionOption).where(QuestionOption.keep_in_place)).all()
    # "Cả A, B, C đều đúng" and the three options it names keep their places
    assert kept and all(any(k.text.startswith("Cả A, B, C") for k in kept
                            if k.question_id == o.question_id) for o in kept)

    staff = db.session.scalar(sa.select(Bank).where(Bank.name == STAFF_BANK))
    citizen = db.session.scalar(sa.select(Bank).where(Bank.name == CITIZEN_BANK))
    practice = db.session.scalar(sa.select(Bank).where(Bank.name == PRACTICE_BANK))
    assert len(practice.questions) == 6  # the practice-only bank (contest/demo/practice.py)
    assert len(staff.questions) == len(questions) - 6
    assert len(citizen.questions) >= 40
    assert {q.area_id for q in citizen.questions} == {1, 2, 3, 4, 5, 6}


def test_seed_demo_builds_a_contest_whose_closed_round_has_graded_attempts(runner):
    seed(runner)
    contest = db.session.scalar(sa.select(Contest).where(Contest.title == CONTEST_TITLE))
    assert contest.status == ContestStatus.PUBLISHED
    assert {g.name for g in contest.groups} == {"Cán bộ, công chức, viên chức", "Người dân"}
    assert "20 câu hỏi" in contest.rules_text
    closed, open_ = contest.rounds
    assert closed.status_at(utcnow()) == RoundStatus.CLOSED
    assert open_.status_at(utcnow()) == RoundStatus.OPEN
    for round_ in contest.rounds:
        assert round_.question_count == 20 and round_.time_limit_minutes == 20
        assert sum(line["count"] for line in round_.recipe) == 20
        assert round_.prediction_kind == "full_marks_count"
        assert "trả lời đúng tất cả" in round_.prediction_prompt

    registrations = contest.registrations
    assert len(registrations) >= 35
    assert len({r.group_id for r in registrations}) == 2
    assert len({r.unit_id for r in registrations}) >= 10
    attempts = db.session.scalars(sa.select(Attempt).where(Attempt.round_id == closed.id)).all()
    assert len(attempts) == len(registrations)
    for attempt in attempts:
        assert attempt.status == AttemptStatus.SUBMITTED
        assert closed.opens_at <= attempt.started_at < attempt.finished_at <= closed.closes_at
        assert 0 < attempt.duration_seconds <= 20 * 60
        assert attempt.prediction is not None and attempt.max_score == 20
        assert len(attempt.items) == 20
        assert attempt.score == sum(1 for item in attempt.items if item.is_correct)
    scores = Counter(a.score for a in attempts)
    assert len(scores) > 3  # a realistic spread, not everyone alike
    assert closed.prediction_truth == scores[20]
    assert count(Attempt) == len(attempts)  # nobody has taken the open round yet


def test_a_contest_that_cannot_be_built_is_reported_and_the_rest_is_kept(runner, monkeypatch):
    monkeypatch.setattr("contest.demo.contest.RECIPE", [(1, 20)])  # more than area 1 holds
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 1
    assert "Không tạo được cuộc thi mẫu" in result.output
    assert count(Contest) == 0 and count(Registration) == 0
    assert count(Question) >= 72 and count(Unit) >= 30
