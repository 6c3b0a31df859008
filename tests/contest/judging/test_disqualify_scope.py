"""Disqualification scope is chosen explicitly (this round, or the whole contest), shown on the
entry and in the audit log; a disqualified entrant can no longer start, answer or submit."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from contest.attempts.models import Attempt
from contest.attempts.services import AttemptError, save_answer, start_attempt, submit_attempt
from contest.audit.models import AuditEntry
from contest.contests.models import Round, RoundDisqualification
from contest.extensions import db, utcnow
from contest.judging import services
from contest.ranking.services import round_ranking
from contest.results import services as results

FETCH = {"X-Requested-With": "fetch"}


def ranked_ids(rnd) -> set[int]:
    return {r.entry.registration_id for rows in round_ranking(rnd).values() for r in rows}


def other_round(world) -> Round:
    now = utcnow()
    rnd = Round(contest=world.contest, name="Tuần 2", opens_at=now - timedelta(days=3),
                closes_at=now - timedelta(days=2), question_count=4)
    db.session.add(rnd)
    db.session.commit()
    return rnd


def test_round_scope_leaves_other_rounds_alone(world, make_user):
    a, b = world.entrant("Nguyễn Văn A"), world.entrant("Trần Thị B")
    second = other_round(world)
    judge = make_user(role="judge")
    services.disqualify(judge.id, b, "Thi hộ ở tuần 2", scope="round", round_=second)
    db.session.commit()
    assert ranked_ids(world.round) == {a.id, b.id}  # only round 2 excludes B
    assert services.standing(b, second).scope == "round"
    assert services.standing(b, world.round).scope is None
    services.disqualify(judge.id, b, "Thi hộ ở tuần 1", scope="round", round_=world.round)
    db.session.commit()
    assert ranked_ids(world.round) == {a.id}
    entry = db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.action == "registration.disqualify").order_by(AuditEntry.id)).all()[-1]
    assert entry.details["scope"] == "round" and entry.details["round_id"] == world.round.id
    assert entry.details["round_name"] == "Tuần 1"


def test_round_disqualification_makes_a_confirmation_stale(world, make_user):
    world.entrant("Nguyễn Văn A")
    b = world.entrant("Trần Thị B")
    judge = make_user(role="judge")
    results.confirm(judge.id, world.round)
    db.session.commit()
    services.disqualify(judge.id, b, "Thi hộ người khác", scope="round", round_=world.round)
    db.session.commit()
    assert not results.is_confirmed(world.round)


def test_contest_scope_covers_every_round_and_reinstate_lifts_the_right_one(world, make_user):
    b = world.entrant("Trần Thị B")
    second = other_round(world)
    judge = make_user(role="judge")
    services.disqualify(judge.id, b, "Nhiều tài khoản", scope="round", round_=second)
    services.disqualify(judge.id, b, "Nhiều tài khoản", scope="contest", round_=world.round)
    db.session.commit()
    assert ranked_ids(world.round) == set()
    assert services.standing(b, second).scope == "contest"
    with pytest.raises(services.JudgingError, match="đã bị loại"):
        services.disqualify(judge.id, b, "Lần nữa đây", scope="round", round_=world.round)
    services.reinstate(judge.id, b, "Đã xác minh lại", round_=second)  # the contest-wide one
    db.session.commit()
    assert not b.disqualified and services.standing(b, second).scope == "round"
    services.reinstate(judge.id, b, "Đã xác minh lại", round_=second)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(RoundDisqualification.id))) == 0
    reinstated = db.session.scalars(sa.select(AuditEntry.details).where(
        AuditEntry.action == "registration.reinstate").order_by(AuditEntry.id)).all()
    assert [d["scope"] for d in reinstated] == ["contest", "round"]


def test_scope_must_be_chosen_on_the_page(world, make_user, auth, client):
    b = world.entrant("Trần Thị B")
    auth.login(make_user(role="judge"))
    url = f"/cham-giai/dot/{world.round.id}/thi-sinh/{b.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Chỉ đợt thi này" in page and "Toàn bộ cuộc thi" in page and "checked" not in page
    refused = client.post(url + "/loai", data={"reason": "Thi hộ người khác"},
                          follow_redirects=True).get_data(as_text=True)
    assert "Vui lòng chọn phạm vi loại" in refused
    db.session.expire_all()
    assert not b.disqualified and db.session.scalar(
        sa.select(sa.func.count(RoundDisqualification.id))) == 0
    done = client.post(url + "/loai", data={"scope": "round", "reason": "Thi hộ người khác"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Đã bị loại trong đợt thi Tuần 1" in done
    entry = db.session.scalar(sa.select(AuditEntry).where(
        AuditEntry.action == "registration.disqualify"))
    assert entry.details["scope"] == "round"


@pytest.mark.parametrize("scope", ["round", "contest"])
def test_disqualified_entrant_cannot_start_answer_or_submit(contest_world, make_user, scope):
    w = contest_world(entrants=1)
    user, registration = w.users[0], w.registrations[0]
    attempt = start_attempt(user.id, w.round.id).attempt
    db.session.commit()
    services.disqualify(make_user(role="judge").id, registration, "Gian lận có bằng chứng",
                        scope=scope, round_=w.round)
    db.session.commit()
    expected = "đợt thi này" if scope == "round" else "cuộc thi này"
    for action in (lambda: save_answer(user.id, attempt.public_id, 1, [0]),
                   lambda: submit_attempt(attempt),
                   lambda: start_attempt(user.id, w.round.id)):
        with pytest.raises(AttemptError, match=expected) as refused:
            action()
        assert refused.value.status == 403
        db.session.rollback()
    assert attempt.status == "open"


def test_disqualified_entrant_is_refused_by_the_api(contest_world, make_user, auth, client):
    w = contest_world(entrants=1)
    user, registration = w.users[0], w.registrations[0]
    auth.login(user)
    started = client.post(f"/api/v1/rounds/{w.round.id}/attempts", headers=FETCH)
    assert started.status_code == 201
    public_id = started.get_json()["attempt_id"]
    services.disqualify(make_user(role="judge").id, registration, "Gian lận có bằng chứng",
                        scope="round", round_=w.round)
    db.session.commit()
    answer = client.put(f"/api/v1/attempts/{public_id}/answers/1", json={"selected": [0]})
    assert answer.status_code == 403 and "loại khỏi đợt thi này" in answer.get_json()["message"]
    assert client.post(f"/api/v1/attempts/{public_id}/submit", json={}).status_code == 403
    assert client.post(f"/api/v1/rounds/{w.round.id}/attempts",
                       headers=FETCH).status_code == 403


def test_disqualified_entrant_is_refused_by_the_pages(contest_world, make_user, auth, client):
    w = contest_world(entrants=1)
    user, registration = w.users[0], w.registrations[0]
    auth.login(user)
    started = client.post(f"/vong-thi/{w.round.id}/bat-dau")
    take_url = started.headers["Location"]
    public_id = take_url.rstrip("/").rsplit("/", 1)[-1]
    services.disqualify(make_user(role="judge").id, registration, "Gian lận có bằng chứng",
                        scope="contest", round_=w.round)
    db.session.commit()
    page = client.get(take_url, follow_redirects=True).get_data(as_text=True)
    assert "loại khỏi cuộc thi này" in page
    submitted = client.post(f"/bai-thi/{public_id}/nop-bai", data={"q1": "0"},
                            follow_redirects=True).get_data(as_text=True)
    assert "loại khỏi cuộc thi này" in submitted
    again = client.post(f"/vong-thi/{w.round.id}/bat-dau", follow_redirects=True)
    assert "loại khỏi cuộc thi này" in again.get_data(as_text=True)
    db.session.expire_all()
    attempt = db.session.scalar(sa.select(Attempt))
    assert attempt.status == "open" and all(not i.selected for i in attempt.items)
