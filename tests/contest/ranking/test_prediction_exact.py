"""Prediction errors are exact decimals on both paths: truth 45.38, predictions 45.37 and 45.39
are equally far (issue 12: floats put one 8th and the other 18th)."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from contest.attempts.models import Attempt
from contest.extensions import db
from contest.ranking import services
from contest.ranking.individual import AttemptResult, Registrant, rank, round_entries
from contest.ranking.tiebreak import explain

CHAIN = ["score", "prediction_error", "time_taken"]


def predicting_world(world):
    world.contest.tie_breaks = CHAIN
    world.round.prediction_kind = "full_marks_percent"
    world.round.prediction_truth = 45.38
    people = {name: world.entrant(name, score=3, duration=200)
              for name in ("Dự đoán 45.37", "Dự đoán 45.39", "Dự đoán 45.4")}
    for name, registration in people.items():
        db.session.execute(sa.update(Attempt).where(
            Attempt.registration_id == registration.id).values(prediction=float(name[8:])))
    db.session.commit()
    return people


def test_equal_distances_tie_on_the_sql_path(world):
    people = predicting_world(world)
    rows = services.round_ranking(world.round)[world.group.id]
    by_id = {row.entry.registration_id: row for row in rows}
    low, high, far = (by_id[people[n].id] for n in people)
    assert low.entry.prediction_error == high.entry.prediction_error == Decimal("0.01")
    assert (low.rank, high.rank, far.rank) == (1, 1, 3)
    assert low.tied and high.tied and not far.tied
    assert far.entry.prediction_error == Decimal("0.02")
    text = explain(low, high, CHAIN)
    assert "bằng sai số dự đoán (0.01)" in text and "0.01 < 0.01" not in text
    assert "sai số dự đoán 0.01 < 0.02" in explain(high, far, CHAIN)


def test_pure_path_agrees(world):
    people = predicting_world(world)
    attempts = [AttemptResult(a.id, a.registration_id, a.number, a.status, a.score,
                              a.max_score, a.prediction, a.duration_seconds, a.finished_at)
                for a in db.session.scalars(sa.select(Attempt))]
    registrants = [Registrant(r.id, r.created_at, r.group_id) for r in people.values()]
    pure = rank(round_entries(attempts, registrants, "best", CHAIN, 45.38), CHAIN)
    sql = services.round_ranking(world.round)[world.group.id]
    assert [(r.rank, r.tied, r.entry.registration_id, r.entry.prediction_error) for r in pure] \
        == [(r.rank, r.tied, r.entry.registration_id, r.entry.prediction_error) for r in sql]


def test_predictions_take_at_most_two_decimals(contest_world, auth, client):
    w = contest_world(entrants=1, prediction_kind="full_marks_percent")
    auth.login(w.users[0])
    started = client.post(f"/api/v1/rounds/{w.round.id}/attempts",
                          headers={"X-Requested-With": "fetch"})
    url = f"/api/v1/attempts/{started.get_json()['attempt_id']}/prediction"
    refused = client.put(url, json={"prediction": 45.375})
    assert refused.status_code == 400
    assert "tối đa 2 chữ số sau dấu thập phân" in refused.get_json()["message"]
    assert client.put(url, json={"prediction": "45,38"}).status_code == 200
    db.session.expire_all()
    assert db.session.scalar(sa.select(Attempt.prediction)) == 45.38
