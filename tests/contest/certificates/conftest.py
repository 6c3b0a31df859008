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
