"""A small contest built row by row through the models, with hand-checkable figures.

Attempts (round R1; items q1, q2, q3 score 1 each when right; q4 only in a1):
  a1 e1  q1=1 q2=1 q3=1 q4=0  3/3   19:10 12/03 (VN)
  a2 e2  q1=1 q2=0 q3=1       2/3   19:20 12/03
  a3 e3  q1=0 q2=1 q3=0       1/3   17:00 12/03
  a4 e4  q1=0 q2=0 q3=0       0/3   14:30 11/03
  a5 e1  (no items)           3/4   5 days before
  a6 e2  (no items)           1/5   00:30 12/03 (VN) = 17:30 11/03 UTC
  open attempt by e3 at 20:20 12/03; a practice attempt and a disqualified entrant's attempt
  that no figure may count.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from werkzeug.security import generate_password_hash

from contest.accounts.models import User
from contest.attempts.models import Attempt, AttemptItem
from contest.contests.models import Contest, EntrantGroup, Registration, Round
from contest.extensions import db
from contest.units.models import Block, Unit
from question_bank.models import Question

# Entrants log in with "matkhau123"; a cheap hash keeps the fixture fast (scrypt is slow).
CHEAP_HASH = generate_password_hash("matkhau123", method="pbkdf2:sha256:1000")
NOW = datetime(2025, 3, 12, 13, 30, tzinfo=UTC)  # 20:30 12/03 in Vietnam


@pytest.fixture
def dataset(app):
    """Build the contest described in the module docstring."""
    block_a, block_b = Block(name="Khối sở, ngành"), Block(name="Khối xã, phường")
    u1 = Unit(code="U1", name="Sở Nội vụ", block=block_a, headcount=4)
    u2 = Unit(code="U2", name="Sở Tư pháp", block=block_a, headcount=2)
    u3 = Unit(code="U3", name="UBND phường Thuận Hóa", block=block_b, headcount=0)
    db.session.add_all([block_a, block_b, u1, u2, u3])
    db.session.commit()
    users = {}
    for key, unit, name in (("e1", u1, "Nguyễn Văn An"), ("e2", u1, "Trần Thị Bình"),
                            ("e3", u2, "Lê Văn Cường"), ("e4", u3, "Phạm Thị Dung"),
                            ("e5", u1, "Hoàng Văn Em"), ("e6", u1, "Đỗ Thị Giang"),
                            ("e7", u2, "Vũ Văn Hùng")):
        users[key] = User(full_name=name, phone=f"0912{len(users):06d}", unit_id=unit.id,
                          password_hash=CHEAP_HASH)
    db.session.add_all(users.values())
    db.session.commit()
    qs = [Question(code=f"Q{i}", text=f"Câu hỏi số {i}", area_id=area, fingerprint=f"f{i}")
          for i, area in ((1, 1), (2, 2), (3, 2), (4, 3))]
    contest = Contest(title="Tìm hiểu CCHC 2025", status="published")
    group = EntrantGroup(contest=contest, name="CBCCVC")
    r1 = Round(contest=contest, name="Tuần 1", opens_at=NOW - timedelta(days=10),
               closes_at=NOW + timedelta(days=4))
    practice = Round(contest=contest, name="Thi thử", opens_at=NOW - timedelta(days=10),
                     closes_at=NOW + timedelta(days=4), is_practice=True)
    db.session.add_all([*qs, contest, group, r1, practice])
    db.session.flush()
    regs = {}
    for key in ("e1", "e2", "e3", "e4", "e6", "e7"):
        user = users[key]
        regs[key] = Registration(contest_id=contest.id, user_id=user.id, group_id=group.id,
                                 unit_id=user.unit_id, consent_at=NOW - timedelta(days=9),
                                 disqualified=key == "e7")
    db.session.add_all(regs.values())
    db.session.flush()
    counter = {}

    def attempt(who, rnd, started, score, max_score, answers=(), status="submitted"):
        counter[(who, rnd.id)] = counter.get((who, rnd.id), 0) + 1
        a = Attempt(public_id=secrets.token_hex(8), round_id=rnd.id,
                    registration_id=regs[who].id, number=counter[(who, rnd.id)],
                    status=status, started_at=started, deadline=started + timedelta(minutes=20),
                    score=score if status != "open" else None, max_score=max_score,
                    finished_at=None if status == "open" else started + timedelta(minutes=9))
        for pos, (q, right) in enumerate(answers):
            a.items.append(AttemptItem(position=pos + 1, question_id=q.id, area_id=q.area_id,
                                       difficulty=2, text=q.text, options=["A", "B"],
                                       correct=[0], selected=[0 if right else 1],
                                       is_correct=right))
        db.session.add(a)
        return a

    q1, q2, q3, q4 = qs
    vn = timedelta(hours=7)
    attempt("e1", r1, datetime(2025, 3, 12, 19, 10, tzinfo=UTC) - vn, 3, 3,
            [(q1, True), (q2, True), (q3, True), (q4, False)])
    attempt("e2", r1, datetime(2025, 3, 12, 19, 20, tzinfo=UTC) - vn, 2, 3,
            [(q1, True), (q2, False), (q3, True)])
    attempt("e3", r1, datetime(2025, 3, 12, 17, 0, tzinfo=UTC) - vn, 1, 3,
            [(q1, False), (q2, True), (q3, False)])
    attempt("e4", r1, datetime(2025, 3, 11, 14, 30, tzinfo=UTC) - vn, 0, 3,
            [(q1, False), (q2, False), (q3, False)])
    attempt("e1", r1, NOW - timedelta(days=5), 3, 4)
    attempt("e2", r1, datetime(2025, 3, 11, 17, 30, tzinfo=UTC), 1, 5)
    attempt("e3", r1, datetime(2025, 3, 12, 20, 20, tzinfo=UTC) - vn, None, 3, status="open")
    attempt("e1", practice, NOW - timedelta(hours=1), 3, 3, [(q2, False)])
    attempt("e7", r1, NOW - timedelta(hours=1), 3, 3, [(q2, False), (q3, False)])
    db.session.commit()
    return SimpleNamespace(contest=contest, r1=r1, practice=practice, units=(u1, u2, u3),
                           blocks=(block_a, block_b), users=users, questions=qs, regs=regs)
