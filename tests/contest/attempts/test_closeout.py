"""Closing out a round: open attempts finalised as at their deadline (set-based), prediction
truth computed, both audited, idempotent; the scheduler, judge and organiser pages do it;
confirm refuses a round not closed out; organisers close a round early with a reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from contest.attempts import closeout
from contest.attempts.grading import grade_paper
from contest.attempts.models import Attempt, AttemptStatus
from contest.attempts.services import AttemptError, save_answer, start_attempt, submit_attempt
from contest.audit.models import AuditEntry
from contest.contests.closing import shorten_round
from contest.contests.models import Round
from contest.contests.rules import ContestError
from contest.contests.services import extend_round
from contest.extensions import db, utcnow
from contest.results import services as results


@pytest.fixture(autouse=True)
def no_queueing_allowance(app):
    """These tests count from close + grace; the arrival allowance (tested in test_arrival)
    would add its 30 s to every wait."""
    app.config["ARRIVAL_ALLOWANCE_SECONDS"] = 0


@pytest.fixture
def round_with_attempts(contest_world):
    """A round asking the full-marks percentage: entrant 1 submitted all right, entrant 2 left
    all right open, entrant 3 left one answer open, entrant 4 never started."""

    def factory(**fields):
        fields.setdefault("prediction_kind", "full_marks_percent")
        w = contest_world(entrants=4, **fields)
        started = utcnow() - timedelta(minutes=5)
        attempts = []
        for user in w.users[:3]:
            attempt = start_attempt(user.id, w.round.id, now=started).attempt
            attempts.append(attempt)
        db.session.commit()
        for user, attempt in zip(w.users[:2], attempts, strict=False):
            for item in attempt.items:
                save_answer(user.id, attempt.public_id, item.position, list(item.correct))
        first = attempts[2].items[0]
        save_answer(w.users[2].id, attempts[2].public_id, 1, list(first.correct))
        submit_attempt(attempts[0], prediction="40")
        db.session.commit()
        w.attempts = attempts
        return w

    return factory


def actions(round_id: int) -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).where(
        AuditEntry.target_type == "Round", AuditEntry.target_id == round_id)
        .order_by(AuditEntry.id)))


def test_close_out_finalises_open_attempts_as_at_deadline_and_computes_truth(
        round_with_attempts):
    w = round_with_attempts()
    later = w.round.closes_at + timedelta(minutes=1)
    done = closeout.close_out(w.round, now=later)
    db.session.commit()
    assert done is not None and done.finalised == 2
    assert done.truth == 66.67  # 2 of 3 entrants with a finished attempt got full marks
    db.session.expire_all()
    first, second, third = (db.session.get(Attempt, a.id) for a in w.attempts)
    assert first.status == AttemptStatus.SUBMITTED
    for attempt in (second, third):
        assert attempt.status == AttemptStatus.EXPIRED
        assert attempt.finished_at == attempt.deadline
        assert attempt.duration_seconds == pytest.approx(
            (attempt.deadline - attempt.started_at).total_seconds(), abs=0.01)
        expected = grade_paper([(i.selected, i.correct, i.weight) for i in attempt.items])
        assert (attempt.score, attempt.max_score) == (expected.score, expected.max_score)
        assert [i.is_correct for i in attempt.items] == [g.is_correct for g in expected.items]
    assert second.score == second.max_score == 5 and third.score == 1
    rnd = db.session.get(Round, w.round.id)
    assert rnd.prediction_truth == 66.67 and rnd.closed_out_at == later
    assert actions(rnd.id) == ["round.prediction_truth", "round.close_out"]
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "round.close_out"))
    assert entry.details["finalised"] == 2 and entry.details["truth"] == 66.67


def test_close_out_is_idempotent_and_waits_for_the_grace(round_with_attempts):
    w = round_with_attempts()
    assert closeout.close_out(w.round, now=w.round.closes_at + timedelta(seconds=2)) is None
    assert closeout.close_out(w.round, now=w.round.closes_at + timedelta(seconds=6))
    db.session.commit()
    assert closeout.close_out(w.round, now=w.round.closes_at + timedelta(hours=1)) is None
    assert closeout.close_out_due(w.round.closes_at + timedelta(hours=1)) == []
    assert actions(w.round.id) == ["round.prediction_truth", "round.close_out"]


def test_an_open_round_is_not_closed_out(round_with_attempts):
    w = round_with_attempts()
    assert closeout.close_out(w.round) is None
    assert w.round.closed_out_at is None and w.round.prediction_truth is None


def test_extension_reopens_a_closed_out_round(round_with_attempts, make_user):
    w = round_with_attempts(closes_at=utcnow() + timedelta(minutes=1))
    assert closeout.close_out(w.round, now=w.round.closes_at + timedelta(minutes=1))
    extend_round(w.round, utcnow() + timedelta(days=1), actor_id=make_user().id,
                 reason="Mất điện")
    db.session.commit()
    assert w.round.closed_out_at is None


def test_finalize_expired_command_closes_out_and_computes_the_truth(round_with_attempts,
                                                                     runner):
    w = round_with_attempts()
    db.session.execute(sa.update(Round).where(Round.id == w.round.id).values(
        closes_at=utcnow() - timedelta(seconds=30)))
    db.session.commit()
    result = runner.invoke(args=["attempts", "finalize-expired"])
    assert result.exit_code == 0, result.output
    assert "Đã chốt 2 bài thi hết giờ." in result.output
    assert (f"Đã chốt đợt thi số {w.round.id}: đóng 2 bài đang làm, đáp án câu dự đoán "
            "66.67.") in result.output
    db.session.expire_all()
    assert db.session.get(Round, w.round.id).prediction_truth == 66.67
    assert "round.close_out" in actions(w.round.id)
    again = runner.invoke(args=["attempts", "finalize-expired"])
    assert "Đã chốt 0 bài thi hết giờ." in again.output and "đợt thi số" not in again.output


def test_finalize_expired_closes_attempts_whose_time_limit_ran_out(round_with_attempts):
    w = round_with_attempts()
    count, done = closeout.finalize_expired_and_close_out(utcnow() + timedelta(minutes=16))
    db.session.commit()
    assert (count, done) == (2, [])  # the round is still open: no truth yet
    assert w.round.prediction_truth is None


def test_confirm_refuses_a_round_not_closed_out_naming_why(round_with_attempts, make_user):
    w = round_with_attempts()
    judge = make_user(role="judge")
    db.session.execute(sa.update(Round).where(Round.id == w.round.id).values(
        closes_at=utcnow() - timedelta(seconds=30)))
    db.session.commit()
    db.session.expire_all()
    rnd = db.session.get(Round, w.round.id)
    with pytest.raises(results.ResultsError, match="còn 2 bài đang làm"):
        results.confirm(judge.id, rnd)
    db.session.rollback()
    closeout.close_out(rnd)
    results.confirm(judge.id, rnd)
    db.session.commit()


def test_judge_page_closes_out_lazily_then_confirm_works(round_with_attempts, make_user,
                                                          auth, client):
    w = round_with_attempts()
    db.session.execute(sa.update(Round).where(Round.id == w.round.id).values(
        closes_at=utcnow() - timedelta(seconds=30)))
    db.session.commit()
    auth.login(make_user(role="judge"))
    assert client.get(f"/cham-giai/dot/{w.round.id}").status_code == 200
    db.session.expire_all()
    rnd = db.session.get(Round, w.round.id)
    assert rnd.closed_out_at is not None and rnd.prediction_truth == 66.67
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id)).where(
        Attempt.status == AttemptStatus.OPEN)) == 0
    client.post(f"/cham-giai/dot/{w.round.id}/xac-nhan", data={"note": ""})
    assert results.is_confirmed(rnd)


def test_organiser_page_closes_out_lazily(round_with_attempts, make_user, auth, client):
    w = round_with_attempts()
    db.session.execute(sa.update(Round).where(Round.id == w.round.id).values(
        closes_at=utcnow() - timedelta(seconds=30)))
    db.session.commit()
    auth.login(make_user(role="organiser"))
    body = client.get(f"/quan-ly/dot-thi/{w.round.id}").get_data(as_text=True)
    assert "Đợt thi đã được chốt lúc" in body
    assert "round.close_out" in actions(w.round.id)


def test_close_now_gives_open_attempts_the_new_deadline(round_with_attempts, make_user):
    w = round_with_attempts()
    now = utcnow()
    shorten_round(w.round, None, actor_id=make_user(role="organiser").id,
                  reason="Phát hiện lộ đề", now=now)
    db.session.commit()
    db.session.expire_all()
    second = db.session.get(Attempt, w.attempts[1].id)
    assert second.deadline == now and db.session.get(Round, w.round.id).closes_at == now
    with pytest.raises(AttemptError) as refused:
        save_answer(w.users[1].id, second.public_id, 1, [0], now=now + timedelta(seconds=6))
    assert refused.value.status == 409
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "round.shorten"))
    assert entry.reason == "Phát hiện lộ đề" and entry.details["attempts_shortened"] == 2


def test_move_close_earlier_keeps_earlier_deadlines(round_with_attempts, make_user):
    w = round_with_attempts()
    target = utcnow() + timedelta(minutes=10)  # attempts started 5 min ago end in 15 min
    shorten_round(w.round, target, actor_id=make_user().id, reason="Rút ngắn theo kế hoạch")
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Attempt, w.attempts[1].id).deadline == target


@pytest.mark.parametrize(("closes_at", "reason", "field", "message"), [
    (lambda r: r.opens_at - timedelta(minutes=1), "Lý do rõ ràng", "closes_at",
     "phải sau giờ mở"),
    (lambda r: None, "  ", "reason", "Vui lòng ghi lý do"),
    (lambda r: r.closes_at + timedelta(hours=1), "Lý do rõ ràng", "closes_at", "Gia hạn"),
])
def test_shorten_refusals_name_the_field_and_change_nothing(round_with_attempts, make_user,
                                                            closes_at, reason, field,
                                                            message):
    w = round_with_attempts()
    before = w.round.closes_at
    with pytest.raises(ContestError) as refused:
        shorten_round(w.round, closes_at(w.round), actor_id=make_user().id, reason=reason)
    db.session.rollback()
    assert any(getattr(p, "field", None) == field and message in str(p)
               for p in refused.value.problems)
    assert db.session.get(Round, w.round.id).closes_at == before


def test_shorten_form_through_http(round_with_attempts, make_user, auth, client):
    w = round_with_attempts()
    auth.login(make_user(role="organiser"))
    url = f"/quan-ly/dot-thi/{w.round.id}/dong-som"
    opens = (w.round.opens_at - timedelta(hours=1)).astimezone(
        __import__("zoneinfo").ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%Y-%m-%dT%H:%M")
    refused = client.post(url, data={"closes_at": opens, "reason": ""})
    body = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "Vui lòng ghi lý do đóng sớm đợt thi." in body
    refused = client.post(url, data={"closes_at": opens, "reason": "Sự cố"})
    assert "Giờ đóng mới phải sau giờ mở đợt thi" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Round, w.round.id).status == "open"
    done = client.post(url, data={"closes_at": "", "reason": "Sự cố mạng diện rộng"})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(Round, w.round.id).status == "closed"
    page = client.get(f"/quan-ly/dot-thi/{w.round.id}").get_data(as_text=True)
    assert "Sự cố mạng diện rộng" in page


@pytest.mark.postgres_only
def test_parallel_close_outs_close_out_once(app, round_with_attempts):
    """The scheduler on two machines and a judge's page at once: one close-out, one grade."""
    import threading

    w = round_with_attempts()
    db.session.execute(sa.update(Round).where(Round.id == w.round.id).values(
        closes_at=utcnow() - timedelta(seconds=30)))
    db.session.commit()
    barrier, results, errors = threading.Barrier(4), [], []

    def run() -> None:
        with app.app_context():
            try:
                barrier.wait()
                results.append(closeout.finalize_expired_and_close_out())
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(count for count, _ in results) == [0, 0, 0, 2]
    assert actions(w.round.id) == ["round.prediction_truth", "round.close_out"]
    db.session.expire_all()
    assert db.session.get(Round, w.round.id).prediction_truth == 66.67
