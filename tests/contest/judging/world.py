"""A small closed contest round with entrants, units and graded attempts, for H7's tests."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

import pytest

from contest.attempts.models import Attempt, AttemptItem
from contest.contests.models import Contest, EntrantGroup, Registration, Round
from contest.extensions import db, utcnow
from contest.units.models import Block, Unit
from question_bank.models import Question

QUESTIONS = 4
OPTIONS = ["Phương án đúng", "Phương án sai 1", "Phương án sai 2"]


class World:
    """Factory for one contest: ``entrant(...)`` adds a registration with one attempt."""

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
                           closes_at=now - timedelta(hours=1), question_count=QUESTIONS)
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
