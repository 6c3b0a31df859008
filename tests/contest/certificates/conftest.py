"""A published contest with one round and three registered entrants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from contest.contests.models import Contest, EntrantGroup
from contest.extensions import db

OPENS = datetime(2025, 3, 3, 17, 0, tzinfo=UTC)


@pytest.fixture
def contest_data(make_unit, make_user, make_round, make_entrant):
    """Contest, round "Tuần 1" and entrants Nhung (unit Sở Nội vụ), Quân and Thảo."""
    unit = make_unit(code="SNV", name="Sở Nội vụ", headcount=10)
    people = [make_user(full_name=name, phone=f"09870000{i:02d}", unit_id=unit.id)
              for i, name in enumerate(("Nguyễn Thị Hồng Nhung", "Trần Minh Quân",
                                        "Lê Thị Thảo"))]
    contest = Contest(title="Tìm hiểu cải cách hành chính tỉnh Thừa Thiên Huế 2025",
                      status="published")
    contest.groups.append(EntrantGroup(name="CBCCVC"))
    db.session.add(contest)
    rnd = make_round(contest, name="Tuần 1", opens_at=OPENS,
                     closes_at=OPENS + timedelta(days=7), question_count=20)
    regs = [make_entrant(p, contest, unit=unit, consent_at=OPENS) for p in people]
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
