"""Factory for a small contest full of ties: entrants through the shared factories, attempts
as hand-set rows (random but seeded)."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from contest.attempts.models import Attempt
from contest.contests.models import Contest, EntrantGroup, Registration, Round
from contest.extensions import db
from contest.units.models import Block, Unit

T0 = datetime(2025, 5, 5, 1, 0, tzinfo=UTC)


@dataclass
class World:
    contest: Contest
    groups: list[EntrantGroup]
    rounds: list[Round]
    units: list[Unit]
    registrations: list[Registration] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)


@pytest.fixture
def make_world(make_user, make_round, make_entrant):
    """Factory: ``make_world(seed, entrants=40, rounds=2)`` builds and commits a contest."""

    def factory(seed: int = 1, entrants: int = 40, rounds: int = 2) -> World:
        rng = random.Random(seed)
        contest = Contest(title="Tìm hiểu CCHC 2025")
        groups = [EntrantGroup(name="CBCCVC", contest=contest),
                  EntrantGroup(name="Nhân dân", contest=contest)]
        # Units as rows: create_unit would add audit entries, and a test counts those.
        blocks = [Block(name="Khối sở, ngành"), Block(name="Khối xã, phường")]
        units = [Unit(code=f"U{i}", name=f"Đơn vị {i}", block=blocks[i % 2],
                      headcount=[0, 5, 8, 20, 3][i % 5]) for i in range(6)]
        db.session.add_all([contest, *units])
        round_list = [
            make_round(contest, name=f"Tuần {i + 1}", opens_at=T0 + timedelta(days=7 * i),
                       closes_at=T0 + timedelta(days=7 * i + 7), max_attempts=5,
                       attempt_policy="unlimited", question_count=20)
            for i in range(rounds)
        ]
        round_list.append(make_round(contest, name="Thi thử", opens_at=T0,
                                     closes_at=T0 + timedelta(days=30), is_practice=True,
                                     question_count=20))
        world = World(contest, groups, round_list, units)
        for i in range(entrants):
            user = make_user(full_name=f"Thí sinh {i}", phone=f"09{i:08d}")
            reg = make_entrant(user, contest, groups[i % 2], unit=rng.choice(units + [None]),
                               consent_at=T0,
                               created_at=T0 - timedelta(minutes=rng.choice([1, 2, 3])))
            world.registrations.append(reg)
            for round_ in round_list:
                for number in range(1, rng.choice([0, 1, 1, 2, 3]) + 1):
                    world.attempts.append(_attempt(rng, round_, reg, number))
        db.session.add_all(world.attempts)
        db.session.commit()
        return world

    return factory


def _attempt(rng: random.Random, round_: Round, reg: Registration, number: int) -> Attempt:
    status = rng.choice(["submitted", "submitted", "submitted", "expired", "open"])
    start = round_.opens_at + timedelta(minutes=rng.choice([10, 20, 30]))
    duration = rng.choice([300.0, 300.0, 600.0, 900.0, None])
    return Attempt(
        public_id=secrets.token_urlsafe(12), round=round_, registration=reg, number=number,
        status=status, started_at=start, deadline=start + timedelta(minutes=20),
        finished_at=None if status == "open" else start + timedelta(minutes=rng.choice([5, 9])),
        score=None if status == "open" else rng.choice([20.0, 20.0, 19.0, 15.0, 4.0, 0.0]),
        max_score=20.0, duration_seconds=None if status == "open" else duration,
        prediction=rng.choice([None, 10.0, 12.0, 15.0, 30.0]),
    )
