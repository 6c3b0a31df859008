"""Confirm, publish (frozen snapshot) and republish (new version with a reason)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from contest.audit.models import AuditEntry
from contest.extensions import db, utcnow
from contest.judging import services as judging
from contest.results import services


def test_publish_needs_confirmation_and_closed_round(world, make_user):
    judge = make_user(role="judge")
    world.entrant("Nguyễn Văn A")
    with pytest.raises(services.ResultsError, match="xác nhận"):
        services.publish(judge.id, world.round)
    world.round.closes_at = utcnow() + timedelta(days=1)
    with pytest.raises(services.ResultsError, match="chưa kết thúc"):
        services.confirm(judge.id, world.round)


def test_publish_freezes_a_snapshot(world, make_user):
    judge, organiser = make_user(role="judge"), make_user(role="organiser")
    a = world.entrant("Nguyễn Văn A", duration=100)
    b = world.entrant("Trần Thị B", duration=200, score=3)
    services.confirm(judge.id, world.round)
    snapshot = services.publish(organiser.id, world.round,
                                plan={"groups": {str(world.group.id): {"nhat": 1, "nhi": 1}},
                                      "units": {"nhat": 1}})
    db.session.commit()
    assert snapshot.version == 1 and snapshot.is_current
    rows = snapshot.data["groups"][0]["rows"]
    assert [(r["registration_id"], r["prize_label"]) for r in rows] == [
        (a.id, "Giải Nhất"), (b.id, "Giải Nhì")]
    assert rows[0]["phone"].startswith("*") and rows[0]["id_number"].startswith("*")
    assert rows[0]["deciding"] == "Điểm 4/4 > 3/4"
    # Later changes do not touch the published data.
    world.entrant("Lê Văn C", duration=50)
    db.session.refresh(snapshot)
    assert len(snapshot.data["groups"][0]["rows"]) == 2
    assert services.is_stale(snapshot)
    assert [e.action for e in db.session.scalars(sa.select(AuditEntry).order_by(
        AuditEntry.id))] == ["results.confirm", "results.publish"]


def test_republish_after_disqualification_makes_version_2(world, make_user):
    judge, organiser = make_user(role="judge"), make_user(role="organiser")
    a = world.entrant("Nguyễn Văn A", duration=100)
    b = world.entrant("Trần Thị B", duration=200)
    services.confirm(judge.id, world.round)
    first = services.publish(organiser.id, world.round)
    db.session.commit()

    judging.disqualify(judge.id, a, "Thi hộ cho người khác")
    with pytest.raises(services.ResultsError, match="xác nhận lại"):
        services.publish(organiser.id, world.round, reason="Loại thí sinh thi hộ")
    services.confirm(judge.id, world.round)
    with pytest.raises(services.ResultsError, match="lý do"):
        services.publish(organiser.id, world.round)
    second = services.publish(organiser.id, world.round, reason="Loại thí sinh thi hộ")
    db.session.commit()

    assert (second.version, second.is_current, second.reason) == (2, True,
                                                                  "Loại thí sinh thi hộ")
    db.session.refresh(first)
    assert first.is_current is False
    assert [r["registration_id"] for r in first.data["groups"][0]["rows"]] == [a.id, b.id]
    assert [r["registration_id"] for r in second.data["groups"][0]["rows"]] == [b.id]
    assert [s.version for s in services.versions(world.round)] == [2, 1]
    assert services.current(world.round).id == second.id


def test_result_page_shows_the_published_rank_and_prize(world, make_user, client, auth):
    from contest.attempts.models import Attempt
    from contest.attempts.queries import rank_for

    judge, organiser = make_user(role="judge"), make_user(role="organiser")
    first = world.entrant("Nguyễn Văn A", duration=100)
    second = world.entrant("Trần Thị B", duration=200)
    attempt = db.session.scalar(sa.select(Attempt).where(Attempt.registration_id == second.id))
    assert rank_for(attempt) is None  # nothing published yet
    services.confirm(judge.id, world.round)
    services.publish(organiser.id, world.round,
                     plan={"groups": {str(world.group.id): {"nhat": 1, "nhi": 1}}})
    db.session.commit()
    assert rank_for(attempt) == "Hạng 2 — Giải Nhì"
    auth.login(db.session.get(type(first.user), second.user_id))
    page = client.get(f"/bai-thi/{attempt.public_id}/ket-qua").get_data(as_text=True)
    assert "Hạng 2 — Giải Nhì" in page
