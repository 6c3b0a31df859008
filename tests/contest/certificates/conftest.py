"""A published contest with one round and three registered entrants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from werkzeug.security import generate_password_hash

from contest.accounts.models import User
from contest.contests.models import Contest, EntrantGroup, Registration, Round
from contest.extensions import db
from contest.units.models import Unit

CHEAP_HASH = generate_password_hash("matkhau123", method="pbkdf2:sha256:1000")
OPENS = datetime(2025, 3, 3, 17, 0, tzinfo=UTC)


@pytest.fixture
def contest_data(app):
    """Contest, round "Tuần 1" and entrants Nhung (unit Sở Nội vụ), Quân and Thảo."""
    unit = Unit(code="SNV", name="Sở Nội vụ", headcount=10)
    db.session.add(unit)
    db.session.flush()
    people = [User(full_name=name, phone=f"09870000{i:02d}", unit_id=unit.id,
                   password_hash=CHEAP_HASH)
              for i, name in enumerate(("Nguyễn Thị Hồng Nhung", "Trần Minh Quân",
                                        "Lê Thị Thảo"))]
    contest = Contest(title="Tìm hiểu cải cách hành chính tỉnh Thừa Thiên Huế 2025",
                      status="published")
    db.session.add_all([*people, contest])
    db.session.flush()
    group = EntrantGroup(contest_id=contest.id, name="CBCCVC")
    rnd = Round(contest_id=contest.id, name="Tuần 1", opens_at=OPENS,
                closes_at=OPENS + timedelta(days=7))
    db.session.add_all([group, rnd])
    db.session.flush()
    regs = [Registration(contest_id=contest.id, user_id=p.id, group_id=group.id,
                         unit_id=unit.id, consent_at=OPENS) for p in people]
    db.session.add_all(regs)
    db.session.commit()
    return SimpleNamespace(contest=contest, round=rnd, people=people, regs=regs, unit=unit)


@pytest.fixture
def cert(contest_data):
    """One certificate issued to the first entrant (Giải Nhất, Tuần 1)."""
    from contest.certificates import services

    person = contest_data.people[0]
    [issued] = services.issue([services.Winner(contest_data.regs[0].id, person.full_name,
                                               "Sở Nội vụ", "Giải Nhất", "Tuần 1",
                                               contest_data.round.id)], None)
    db.session.commit()
    return issued


@pytest.fixture
def published(contest_data):
    """Published results for the round: Nhung first prize, Quân second, Thảo none."""
    from contest.results.models import ResultSnapshot

    rows = [{"registration_id": r.id, "name": p.full_name, "unit": "Sở Nội vụ",
             "prize_label": label}
            for r, p, label in zip(contest_data.regs, contest_data.people,
                                   ("Giải Nhất", "Giải Nhì", ""), strict=True)]
    db.session.add(ResultSnapshot(round_id=contest_data.round.id, version=1, is_current=True,
                                  data={"groups": [{"rows": rows}]}))
    db.session.commit()
