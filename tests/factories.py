"""The one set of test factories, registered once as a pytest plugin (``tests/conftest.py``).

Each fixture returns a callable that builds and commits one kind of object: ``make_user``,
``make_unit``, ``make_question``, ``make_bank``, ``make_contest``, ``make_round``,
``make_entrant``, ``make_attempt``. ``contest_world`` builds the common shape (a published
contest, one open round, two groups sharing a bank, some entrants); ``world`` is a closed
round with graded attempts (judging, results, exports, security). Where a service exists the
factory goes through it; rounds, registrations and the closed world's attempts are built from
the models so that tests can set any field (including ones a form would refuse).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from contest.attempts.models import Attempt, AttemptItem
from contest.contests.models import Contest, EntrantGroup, Registration, Round
from contest.extensions import db, utcnow
from contest.units.models import Block, Unit
from question_bank.fingerprint import fingerprint
from question_bank.models import Bank, Question, QuestionOption


@pytest.fixture
def make_user(app) -> Callable:
    """``make_user(role="judge", **fields)`` creates and commits an account (create_user)."""
    from contest.accounts.services import create_user

    counter = {"n": 0}

    def factory(role: str = "entrant", password: str = "matkhau123", **fields):
        counter["n"] += 1
        fields.setdefault("full_name", f"Người dùng {counter['n']}")
        fields.setdefault("phone", f"09{counter['n']:08d}")
        user = create_user(role=role, password=password, **fields)
        db.session.commit()
        return user

    return factory


@pytest.fixture
def make_unit(app) -> Callable:
    """``make_unit(name="Sở Nội vụ", block="Khối sở, ngành", headcount=10)`` (create_unit)."""
    from contest.units.services import create_unit

    counter = {"n": 0}

    def factory(**fields) -> Unit:
        counter["n"] += 1
        fields.setdefault("code", f"DV{counter['n']:03d}")
        fields.setdefault("name", f"Đơn vị {counter['n']}")
        unit = create_unit(**fields)
        db.session.commit()
        return unit

    return factory


@pytest.fixture
def make_question(app) -> Callable:
    """``make_question(text=..., banks=["B"])`` creates and commits a question."""
    from question_bank.services import create_question

    counter = {"n": 0}

    def factory(**fields):
        counter["n"] += 1
        n = counter["n"]
        fields.setdefault("code", f"T{n:04d}")
        fields.setdefault("text", f"Câu hỏi thử số {n}?")
        fields.setdefault("area_id", 1)
        fields.setdefault("difficulty", 2)
        fields.setdefault("options", [f"Phương án {n}A", f"Phương án {n}B", f"Phương án {n}C"])
        fields.setdefault("correct", [0])
        fields.setdefault("banks", ["Ngân hàng thử"])
        question = create_question(**fields)
        db.session.commit()
        return question

    return factory


@pytest.fixture
def make_bank(app) -> Callable:
    """``make_bank("B", {(area, difficulty): n})`` adds active questions, returns the Bank."""
    from question_bank.services import create_question, get_or_create_bank

    counter = {"n": 0}

    def factory(name: str, counts: dict[tuple[int, int], int]) -> Bank:
        for (area, difficulty), n in counts.items():
            for _ in range(n):
                counter["n"] += 1
                k = counter["n"]
                create_question(code=f"{name[:3]}{k:05d}", text=f"Câu hỏi {name} số {k}?",
                                area_id=area, difficulty=difficulty,
                                options=[f"Đáp án {k}A", f"Đáp án {k}B"], correct=[0],
                                banks=[name])
        bank = get_or_create_bank(name)
        db.session.commit()
        return bank

    return factory


@pytest.fixture
def make_contest(app, make_bank) -> Callable:
    """A contest (create_contest) with groups CBCCVC and Người dân (10 questions each, area 1,
    medium), optionally published and with one open round (create_round)."""
    from contest.contests.groups import add_group
    from contest.contests.services import create_contest, create_round

    def factory(published: bool = True, with_round: bool = True, **fields) -> Contest:
        fields.setdefault("title", "Cuộc thi tìm hiểu CCHC 2025")
        fields.setdefault("rules_text", "Thể lệ: mỗi đợt 20 phút.")
        contest = create_contest(**fields)
        add_group(contest, "CBCCVC", [make_bank("Ngân hàng CBCCVC", {(1, 2): 10}).id])
        add_group(contest, "Người dân", [make_bank("Ngân hàng người dân", {(1, 2): 10}).id])
        if with_round:
            now = utcnow()
            create_round(contest, name="Tuần 1", opens_at=now - timedelta(hours=1),
                         closes_at=now + timedelta(days=6), question_count=5,
                         time_limit_minutes=10)
        if published:
            contest.move_to("published")
        db.session.commit()
        return contest

    return factory


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
    """``make_round(question_count=5, attempt_policy="unlimited", ...)``: an open round; without
    ``contest``, in a new published contest whose one group has a bank of ``per_area``
    questions in each reform area."""

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
def make_entrant(app) -> Callable:
    """``make_entrant(user, contest)`` registers the user in the contest's first group (or
    ``group``), in ``unit`` if given, consenting ``consent_at`` (default now); other
    Registration columns (``created_at``, ``disqualified``) as keywords."""

    def factory(user, contest: Contest, group: EntrantGroup | None = None, *,
                unit: Unit | None = None, consent_at=None, **fields) -> Registration:
        registration = Registration(contest=contest, user_id=user.id,
                                    group=group or contest.groups[0], unit=unit,
                                    consent_at=consent_at or utcnow(), **fields)
        db.session.add(registration)
        db.session.commit()
        return registration

    return factory


@pytest.fixture
def make_attempt(app) -> Callable:
    """``make_attempt(user, round_, answers={1: [0]}, finished=True)``: starts the entrant's
    attempt (start_attempt), saves the answers and, if ``finished``, submits it."""
    from contest.attempts.services import save_answers, start_attempt, submit_attempt

    def factory(user, round_: Round, answers: dict[int, list[int]] | None = None,
                finished: bool = True) -> Attempt:
        attempt = start_attempt(user.id, round_.id).attempt
        if answers:
            save_answers(attempt, answers)
        if finished:
            submit_attempt(attempt)
        db.session.commit()
        return attempt

    return factory


@pytest.fixture
def contest_world(make_round, make_user, make_entrant) -> Callable:
    """``contest_world(entrants=3, per_area=3, **round_fields)``: a published contest with one
    open round, two groups sharing one bank (``per_area`` questions per reform area) and
    ``entrants`` registered entrants (alternating groups)."""

    def factory(entrants: int = 3, per_area: int = 3, **fields) -> SimpleNamespace:
        round_ = make_round(per_area=per_area, **fields)
        contest = round_.contest
        first = contest.groups[0]
        contest.groups.append(EntrantGroup(name="Người dân", banks=list(first.banks)))
        db.session.commit()
        users = [make_user(full_name=f"Thí sinh {i + 1}") for i in range(entrants)]
        registrations = [make_entrant(user, contest, contest.groups[i % 2])
                         for i, user in enumerate(users)]
        return SimpleNamespace(contest=contest, round=round_, groups=list(contest.groups),
                               bank=first.banks[0], users=users, registrations=registrations)

    return factory


QUESTIONS = 4
OPTIONS = ["Phương án đúng", "Phương án sai 1", "Phương án sai 2"]


class World:
    """A closed (and closed-out) round of one contest; ``entrant(...)`` adds a registration with
    one graded attempt (built from the models, so scores and times are exactly what the test
    says)."""

    def __init__(self, make_user) -> None:
        self.make_user = make_user
        self.contest = Contest(title="Cuộc thi tìm hiểu CCHC 2025",
                               decision_reference="Quyết định số 123/QĐ-UBND",
                               tie_breaks=["score", "time_taken", "submitted_at"])
        self.group = EntrantGroup(name="CBCCVC")
        self.citizens = EntrantGroup(name="Nhân dân")
        self.contest.groups = [self.group, self.citizens]
        now = utcnow()
        self.round = Round(name="Tuần 1", opens_at=now - timedelta(days=7),
                           closes_at=now - timedelta(hours=1), question_count=QUESTIONS,
                           closed_out_at=now - timedelta(minutes=59))
        self.contest.rounds = [self.round]
        self.block = Block(name="Khối sở, ngành")
        self.unit = Unit(code="SNV", name="Sở Nội vụ", headcount=3, block=self.block)
        self.other_unit = Unit(code="STP", name="Sở Tư pháp", headcount=10, block=self.block)
        db.session.add_all([self.contest, self.block, self.unit, self.other_unit])
        self.questions = [Question(code=f"Q{i}", text=f"Câu hỏi số {i}?", area_id=1,
                                   difficulty=2, fingerprint=f"fp{i}") for i in range(QUESTIONS)]
        db.session.add_all(self.questions)
        db.session.flush()
        self.count = 0

    def entrant(self, name: str, score: int = QUESTIONS, duration: float = 300.0, *,
                group: EntrantGroup | None = None, unit: Unit | None = None,
                wrong_choice: int = 1, device: str = "", ip: str = "", tabs: int = 0,
                id_number: str | None = None, finished_offset: float = 0.0,
                phone: str | None = None) -> Registration:
        """An entrant whose attempt gets ``score`` of the questions right, in ``duration`` s."""
        self.count += 1
        user = self.make_user(full_name=name, date_of_birth=date(1990, 1, self.count % 28 + 1),
                              id_number=id_number or f"0010900{self.count:05d}",
                              phone=phone or f"08{self.count:08d}")
        registration = Registration(contest=self.contest, user_id=user.id,
                                    group=group or self.group, unit=unit or self.unit,
                                    consent_at=utcnow())
        db.session.add(registration)
        db.session.flush()
        started = self.round.opens_at + timedelta(hours=1, seconds=finished_offset)
        attempt = Attempt(public_id=secrets.token_hex(8), round_id=self.round.id,
                          registration_id=registration.id, status="submitted",
                          started_at=started, deadline=started + timedelta(minutes=20),
                          finished_at=started + timedelta(seconds=duration), score=score,
                          max_score=QUESTIONS, duration_seconds=duration, device_id=device,
                          client_ip=ip, tab_switches=tabs)
        for i, question in enumerate(self.questions):
            right = i < score
            attempt.items.append(AttemptItem(
                position=i + 1, question_id=question.id, area_id=1, difficulty=2,
                weight=1.0, text=question.text, options=list(OPTIONS), correct=[0],
                selected=[0] if right else [wrong_choice], is_correct=right,
                answered_at=started + timedelta(seconds=(i + 1) * duration / QUESTIONS)))
        db.session.add(attempt)
        db.session.commit()
        return registration


@pytest.fixture
def world(app, make_user) -> World:
    return World(make_user)
