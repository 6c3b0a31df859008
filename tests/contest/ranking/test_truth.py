"""Judges see the prediction truth and how it was computed, and correct it with a reason."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from contest.attempts import closeout
from contest.attempts.models import Attempt
from contest.audit.models import AuditEntry
from contest.extensions import db
from contest.ranking import services, truth
from contest.ranking.tiebreak import RankingError
from contest.results import services as results


@pytest.fixture
def predicted(world):
    """The closed world asking the full-marks percentage, closed out again to get its truth:
    2 of 3 entrants full marks -> 66.67; predictions 66.66, 66.7, 50."""
    world.contest.tie_breaks = ["score", "prediction_error", "time_taken"]
    world.round.prediction_kind = "full_marks_percent"
    world.round.closed_out_at = None
    people = [world.entrant("A", score=4), world.entrant("B", score=4),
              world.entrant("C", score=2)]
    for registration, value in zip(people, (66.66, 66.7, 50), strict=True):
        db.session.execute(sa.update(Attempt).where(
            Attempt.registration_id == registration.id).values(prediction=value))
    db.session.commit()
    closeout.close_out(world.round)
    db.session.commit()
    world.people = people
    return world


def test_history_says_how_the_truth_was_computed(predicted):
    assert predicted.round.prediction_truth == 66.67
    [step] = truth.history(predicted.round)
    assert step.value == 66.67 and not step.corrected
    assert step.how.startswith("2 thí sinh đạt điểm tối đa / 3 thí sinh có bài thi × 100")


def test_correction_recomputes_the_ranking_and_is_audited(predicted, make_user):
    judge = make_user(role="judge")
    results.confirm(judge.id, predicted.round)
    db.session.commit()
    first = services.round_ranking(predicted.round)[predicted.group.id]
    assert first[0].entry.registration_id == predicted.people[0].id  # 66.66 is 0.01 off
    truth.correct_truth(judge.id, predicted.round, "66,7", "Đếm lại: một bài bị chấm sót")
    db.session.commit()
    again = services.round_ranking(predicted.round)[predicted.group.id]
    assert again[0].entry.registration_id == predicted.people[1].id
    assert again[0].entry.prediction_error == Decimal("0")
    assert not results.is_confirmed(predicted.round)  # confirm again after a correction
    entry = db.session.scalar(sa.select(AuditEntry).where(
        AuditEntry.action == "round.prediction_correct"))
    assert (entry.details["before"], entry.details["after"]) == (66.67, 66.7)
    assert entry.reason == "Đếm lại: một bài bị chấm sót"
    assert truth.history(predicted.round)[-1].corrected


@pytest.mark.parametrize(("raw", "reason", "field", "message"), [
    ("66.7", "", "reason", "phải ghi lý do"),
    ("abc", "Lý do đầy đủ", "truth", "nhập một con số"),
    ("101", "Lý do đầy đủ", "truth", "không được lớn hơn 100"),
    ("66.705", "Lý do đầy đủ", "truth", "tối đa 2 chữ số"),
    ("-1", "Lý do đầy đủ", "truth", "số âm"),
])
def test_bad_corrections_change_nothing(predicted, make_user, raw, reason, field, message):
    with pytest.raises(RankingError) as refused:
        truth.correct_truth(make_user(role="judge").id, predicted.round, raw, reason)
    db.session.rollback()
    assert any(getattr(p, "field", None) == field and message in str(p)
               for p in refused.value.problems)
    assert predicted.round.prediction_truth == 66.67


def test_judge_page_shows_truth_and_corrects_it(predicted, make_user, auth, client):
    auth.login(make_user(role="judge"))
    page = client.get(f"/cham-giai/dot/{predicted.round.id}").get_data(as_text=True)
    assert "Đáp án đúng:" in page and "66.67" in page
    assert "Tính tự động: 2 thí sinh đạt điểm tối đa / 3 thí sinh có bài thi" in page
    url = f"/cham-giai/dot/{predicted.round.id}/dap-an-du-doan"
    refused = client.post(url, data={"truth": "66.7", "reason": ""}, follow_redirects=True)
    assert "Lý do: phải ghi lý do sửa đáp án" in refused.get_data(as_text=True)
    assert predicted.round.prediction_truth == 66.67
    done = client.post(url, data={"truth": "66.7", "reason": "Đếm lại bài chấm sót"},
                       follow_redirects=True)
    body = done.get_data(as_text=True)
    assert "Đã sửa đáp án câu dự đoán" in body and "Sửa: Đếm lại bài chấm sót" in body
    db.session.expire_all()
    assert predicted.round.prediction_truth == 66.7


def test_a_round_not_closed_out_cannot_be_corrected(world, make_user):
    world.round.prediction_kind = "entrant_count"
    world.round.closed_out_at = None
    world.round.closes_at = world.round.closes_at + timedelta(days=2)
    db.session.commit()
    with pytest.raises(RankingError, match="chưa được chốt"):
        truth.correct_truth(make_user(role="judge").id, world.round, "3", "Lý do đầy đủ")
