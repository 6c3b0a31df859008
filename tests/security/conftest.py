"""A populated site for the security tests: every kind of object a URL can name."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from contest.certificates import services as certificates
from contest.extensions import db
from contest.reports.models import UnitManager
from contest.results import services as results
from question_bank.models import Question

ROLES = ["anonymous", "entrant", "judge", "organiser", "admin"]
# Personal data of the closed round's entrants: must never appear in full where masked.
SECRET_PHONES = ["0861234501", "0861234502", "0861234503"]
SECRET_IDS = ["079190123401", "079190123402", "079190123403"]


@pytest.fixture
def site(app, world, make_user, make_round, make_entrant, make_attempt) -> SimpleNamespace:
    """A closed round with published results and a certificate; an open round in which the
    logged-in entrant and another entrant each have an open attempt; a unit-manager grant."""
    world.contest.status = "published"
    regs = [world.entrant(name, score=4 - i, duration=100.0 + i, phone=phone, id_number=cccd)
            for i, (name, phone, cccd) in enumerate(zip(
                ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"], SECRET_PHONES, SECRET_IDS,
                strict=True))]
    staff = {role: make_user(role=role, full_name=f"Cán bộ {role}")
             for role in ("judge", "organiser", "admin")}
    results.confirm(staff["judge"].id, world.round)
    results.publish(staff["organiser"].id, world.round,
                    plan={"groups": {str(world.group.id): {"nhat": 1, "nhi": 1}},
                          "units": {"nhat": 1}})
    db.session.commit()
    cert = certificates.issue_by_login(world.round, SECRET_PHONES[0], "Giải Nhất",
                                       staff["organiser"].id)
    link = UnitManager(user_id=staff["judge"].id, unit_id=world.unit.id)
    db.session.add(link)
    db.session.commit()

    open_round = make_round(question_count=5, review_policy="after_submit")
    entrant = make_user(full_name="Phạm Thị Dung", phone="0912000001")
    other = make_user(full_name="Hoàng Văn Em", phone="0912000002")
    for user in (entrant, other):
        make_entrant(user, open_round.contest)
    mine = make_attempt(entrant, open_round, finished=False)
    theirs = make_attempt(other, open_round, finished=False)
    question = db.session.scalars(db.select(Question).limit(1)).first()
    return SimpleNamespace(
        world=world, regs=regs, cert=cert, link=link, open_round=open_round,
        open_contest=open_round.contest, entrant=entrant, other=other, mine=mine,
        theirs=theirs, question=question, users={"entrant": entrant, **staff},
    )
