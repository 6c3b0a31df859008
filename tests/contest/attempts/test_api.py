"""The JSON API under /api/v1: start/resume, paper, answers, status, submit, events."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from contest.attempts.models import Attempt, AttemptItem, AttemptStatus
from contest.extensions import db

FETCH = {"X-Requested-With": "fetch"}


@pytest.fixture
def entrant(setup, client, auth):
    """An open round (review after submit) and its registered entrant, logged in."""
    ctx = setup(review_policy="after_submit", prediction_kind="full_marks_count",
                prediction_prompt="Có bao nhiêu người trả lời đúng cả 5 câu?")
    auth.login(ctx.user)
    return ctx


def start(client, ctx):
    return client.post(f"/api/v1/rounds/{ctx.round.id}/attempts", headers=FETCH)


def put(client, pid, position, selected, headers=FETCH):
    return client.put(f"/api/v1/attempts/{pid}/answers/{position}", json={"selected": selected},
                      headers=headers)


def test_start_returns_the_paper_without_answers_then_resumes(client, entrant):
    response = start(client, entrant)
    assert response.status_code == 201
    data = response.get_json()
    assert data["created"] is True and data["status"] == "open"
    assert {"attempt_id", "deadline", "server_time", "questions"} <= data.keys()
    assert len(data["questions"]) == 5
    assert "correct" not in response.get_data(as_text=True)
    again = start(client, entrant)
    assert again.status_code == 200
    assert again.get_json()["attempt_id"] == data["attempt_id"]


def test_answer_save_status_and_submit(client, entrant):
    pid = start(client, entrant).get_json()["attempt_id"]
    saved = put(client, pid, 1, [2])
    assert saved.status_code == 200
    assert saved.get_json()["saved"] is True and "answered_at" in saved.get_json()
    item = db.session.scalar(db.select(AttemptItem).where(AttemptItem.position == 1))
    assert item.selected == [2]
    status = client.get(f"/api/v1/attempts/{pid}/status").get_json()
    assert status["status"] == "open" and status["answered"] == 1
    paper = client.get(f"/api/v1/attempts/{pid}").get_json()
    assert paper["questions"][0]["selected"] == [2]
    assert "correct" not in paper["questions"][0]
    result = client.post(f"/api/v1/attempts/{pid}/submit", json={"prediction": 321})
    assert result.status_code == 200
    body = result.get_json()
    assert body["status"] == "submitted" and body["prediction"] == 321
    assert body["result_url"].endswith("/ket-qua")
    twice = client.post(f"/api/v1/attempts/{pid}/submit", json={"prediction": 5}).get_json()
    assert twice["already_finished"] is True and twice["prediction"] == 321
    late = put(client, pid, 2, [0])
    assert late.status_code == 409 and "đã được nộp" in late.get_json()["message"]
    reviewed = client.get(f"/api/v1/attempts/{pid}").get_json()  # review_policy after_submit
    assert "correct" in reviewed["questions"][0]


def test_answer_after_deadline_and_grace_is_refused_in_vietnamese(client, entrant, app):
    pid = start(client, entrant).get_json()["attempt_id"]
    attempt = db.session.scalar(db.select(Attempt).where(Attempt.public_id == pid))
    attempt.started_at -= timedelta(minutes=30)
    attempt.deadline -= timedelta(minutes=30)
    db.session.commit()
    response = put(client, pid, 1, [1])
    assert response.status_code == 409
    assert "hết giờ" in response.get_json()["message"]
    assert client.get(f"/api/v1/attempts/{pid}/status").get_json()["status"] == "expired"


def test_bad_answer_bodies_get_clear_400s(client, entrant):
    pid = start(client, entrant).get_json()["attempt_id"]
    assert put(client, pid, 1, [9]).status_code == 400
    assert put(client, pid, 1, "A").status_code == 400
    response = client.put(f"/api/v1/attempts/{pid}/answers/1", data="xx", headers=FETCH)
    assert response.status_code == 400
    assert "JSON" in response.get_json()["message"]
    assert put(client, pid, 77, [0]).status_code == 404


def test_another_entrant_never_sees_or_changes_an_attempt(client, entrant, auth, make_user,
                                                          make_entrant):
    pid = start(client, entrant).get_json()["attempt_id"]
    auth.logout()
    other = make_user()
    make_entrant(other, entrant.contest)
    auth.login(other)
    assert client.get(f"/api/v1/attempts/{pid}").status_code == 404
    assert client.get(f"/api/v1/attempts/{pid}/status").status_code == 404
    assert put(client, pid, 1, [1]).status_code == 404
    assert client.post(f"/api/v1/attempts/{pid}/submit", json={}).status_code == 404
    assert client.get(f"/bai-thi/{pid}").status_code == 404
    assert client.get(f"/bai-thi/{pid}/ket-qua").status_code == 404


def test_api_needs_login_and_the_fetch_header(client, entrant, auth):
    pid = start(client, entrant).get_json()["attempt_id"]
    form_like = client.put(f"/api/v1/attempts/{pid}/answers/1", data={"selected": "1"})
    assert form_like.status_code == 403
    assert "X-Requested-With" in form_like.get_json()["message"]
    auth.logout()
    response = client.get(f"/api/v1/attempts/{pid}/status")
    assert response.status_code == 401
    assert "đăng nhập" in response.get_json()["message"]


def test_refusals_are_json_with_vietnamese_messages(client, entrant, make_round, make_entrant):
    other = make_round(opens_at=entrant.round.closes_at,
                       closes_at=entrant.round.closes_at + timedelta(days=1))
    response = client.post(f"/api/v1/rounds/{other.id}/attempts", headers=FETCH)
    assert response.status_code == 403 and "chưa đăng ký" in response.get_json()["message"]
    assert client.post("/api/v1/rounds/9999/attempts", headers=FETCH).status_code == 404


def test_events_count_tab_switches(client, entrant):
    pid = start(client, entrant).get_json()["attempt_id"]
    for _ in range(3):
        assert client.post(f"/api/v1/attempts/{pid}/events",
                           json={"type": "tab_hidden"}).get_json() == {"recorded": True}
    assert client.post(f"/api/v1/attempts/{pid}/events", json={"type": "x"}).status_code == 400
    assert db.session.scalar(db.select(Attempt.tab_switches)) == 3


def test_prediction_is_saved_before_submit(client, entrant):
    pid = start(client, entrant).get_json()["attempt_id"]
    saved = client.put(f"/api/v1/attempts/{pid}/prediction", json={"prediction": "1500"})
    assert saved.get_json()["prediction"] == 1500
    bad = client.put(f"/api/v1/attempts/{pid}/prediction", json={"prediction": -1})
    assert bad.status_code == 400
    result = client.post(f"/api/v1/attempts/{pid}/submit", json={}, headers=FETCH).get_json()
    assert result["prediction"] == 1500 and result["status"] == AttemptStatus.SUBMITTED


def test_hot_paths_cost_few_statements(client, entrant, app):
    """A start reads plain rows and inserts the paper in bulk; an answer is one UPDATE.

    The answer trusts the signed session's user id (no SELECT of the user); its UPDATE only
    matches an open attempt of that user, as the ownership test above shows.
    """
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_):
        # Transaction control is no query (SQLite starts take BEGIN IMMEDIATE, issue 14).
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK",
                                                      "BEGIN")):
            statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        pid = start(client, entrant).get_json()["attempt_id"]
        started = len(statements)
        statements.clear()
        assert put(client, pid, 1, [0]).status_code == 200
        answered = len(statements)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    assert started <= 9
    assert answered == 1 and statements[0].lstrip().upper().startswith("UPDATE")
    item = db.session.scalar(db.select(AttemptItem).where(AttemptItem.position == 1))
    assert item.selected == [0]
