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

from contest.attempts.models import Attempt, AttemptItem
from contest.contests.models import Contest, EntrantGroup
from contest.extensions import db
from question_bank.models import Question

NOW = datetime(2025, 3, 12, 13, 30, tzinfo=UTC)  # 20:30 12/03 in Vietnam


@pytest.fixture
def dataset(make_unit, make_user, make_round, make_entrant):
    """Build the contest described in the module docstring."""
    u1 = make_unit(code="U1", name="Sở Nội vụ", block="Khối sở, ngành", headcount=4)
    u2 = make_unit(code="U2", name="Sở Tư pháp", block="Khối sở, ngành", headcount=2)
    u3 = make_unit(code="U3", name="UBND phường Thuận Hóa", block="Khối xã, phường",
                   headcount=0)
    block_a, block_b = u1.block, u3.block
    users = {}
    for key, unit, name in (("e1", u1, "Nguyễn Văn An"), ("e2", u1, "Trần Thị Bình"),
                            ("e3", u2, "Lê Văn Cường"), ("e4", u3, "Phạm Thị Dung"),
                            ("e5", u1, "Hoàng Văn Em"), ("e6", u1, "Đỗ Thị Giang"),
                            ("e7", u2, "Vũ Văn Hùng")):
        users[key] = make_user(full_name=name, phone=f"0912{len(users):06d}", unit_id=unit.id)
    units = {u.id: u for u in (u1, u2, u3)}
    qs = [Question(code=f"Q{i}", text=f"Câu hỏi số {i}", area_id=area, fingerprint=f"f{i}")
          for i, area in ((1, 1), (2, 2), (3, 2), (4, 3))]
    contest = Contest(title="Tìm hiểu CCHC 2025", status="published")
    group = EntrantGroup(contest=contest, name="CBCCVC")
    db.session.add_all([*qs, contest, group])
    r1 = make_round(contest, name="Tuần 1", opens_at=NOW - timedelta(days=10),
                    closes_at=NOW + timedelta(days=4), question_count=20)
    practice = make_round(contest, name="Thi thử", opens_at=NOW - timedelta(days=10),
                          closes_at=NOW + timedelta(days=4), question_count=20,
                          is_practice=True)
    regs = {}
    for key in ("e1", "e2", "e3", "e4", "e6", "e7"):
        user = users[key]
        regs[key] = make_entrant(user, contest, group, unit=units[user.unit_id],
                                 consent_at=NOW - timedelta(days=9))
    regs["e7"].disqualified = True
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
