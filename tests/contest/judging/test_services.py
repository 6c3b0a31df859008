"""Disqualify and reinstate: reason required, audited, reflected in the ranking."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from contest.audit.models import AuditEntry
from contest.extensions import db
from contest.judging import services, standings
from contest.judging.flags import all_flags
from contest.judging.queries import flag_inputs


def test_disqualify_requires_a_reason(world, make_user):
    judge = make_user(role="judge")
    reg = world.entrant("Nguyễn Văn A")
    for reason in ("", "   ", "abc"):
        with pytest.raises(services.JudgingError, match="lý do"):
            services.disqualify(judge.id, reg, reason)
    assert reg.disqualified is False
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == 0


def test_disqualify_writes_audit_and_leaves_the_ranking(world, make_user):
    judge = make_user(role="judge")
    first = world.entrant("Nguyễn Văn A", duration=100)
    second = world.entrant("Trần Thị B", duration=200)
    board = standings.board_page(world.round, standings.BoardFilter(world.group.id), 1)
    assert [r["registration_id"] for r in board["rows"]] == [first.id, second.id]

    services.disqualify(judge.id, first, "Thi hộ, có xác nhận của đơn vị")
    db.session.commit()

    entry = db.session.scalar(sa.select(AuditEntry))
    assert (entry.actor_id, entry.action, entry.target_id) == (
        judge.id, "registration.disqualify", first.id)
    assert entry.reason == "Thi hộ, có xác nhận của đơn vị"
    board = standings.board_page(world.round, standings.BoardFilter(world.group.id), 1)
    assert [(r["rank"], r["registration_id"]) for r in board["rows"]] == [(1, second.id)]

    services.reinstate(judge.id, first, "Đơn vị xác minh lại, không thi hộ")
    db.session.commit()
    board = standings.board_page(world.round, standings.BoardFilter(world.group.id), 1)
    assert [r["registration_id"] for r in board["rows"]] == [first.id, second.id]
    actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["registration.disqualify", "registration.reinstate"]


def test_cannot_disqualify_twice_or_reinstate_a_ranked_entrant(world, make_user):
    judge = make_user(role="judge")
    reg = world.entrant("Nguyễn Văn A")
    with pytest.raises(services.JudgingError):
        services.reinstate(judge.id, reg, "Không có gì để khôi phục")
    services.disqualify(judge.id, reg, "Nhiều tài khoản")
    with pytest.raises(services.JudgingError):
        services.disqualify(judge.id, reg, "Nhiều tài khoản")


def test_neighbourhood_shows_rows_around_with_the_reason(world):
    regs = [world.entrant(f"Thí sinh {i}", duration=100 + i * 10) for i in range(5)]
    around = standings.neighbourhood(world.round, regs[2])
    assert around["rank"] == 3
    assert [r["registration_id"] for r in around["rows"]] == [r.id for r in regs]
    above = around["rows"][1]
    assert "thời gian làm bài" in above["why"]
    assert around["rows"][2]["is_self"] and "why" not in around["rows"][2]


def test_flag_inputs_compare_option_texts_not_display_positions(world):
    a = world.entrant("A", score=0, wrong_choice=1)
    b = world.entrant("B", score=0, wrong_choice=1)
    world.entrant("C", score=0, wrong_choice=2)
    rows, answers = flag_inputs(world.round)
    assert len(rows) == 3 and len(answers) == 12
    from contest.judging.flags import shared_wrong_answers
    flagged = shared_wrong_answers(answers, min_shared=4)
    assert [f.registration_ids for f in flagged] == [(a.id, b.id)]


def test_shared_device_flag_from_the_database(world):
    regs = [world.entrant(f"T{i}", device="may-1") for i in range(3)]
    found = all_flags(*flag_inputs(world.round))
    assert [f.registration_ids for f in found if f.kind == "shared_device"] == [
        tuple(r.id for r in regs)]
