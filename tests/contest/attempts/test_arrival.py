"""Lateness judged on arrival (contest/arrival.py), batch saves and refused late answers."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from contest.arrival import parse_request_start
from contest.attempts.finalise import finalize_expired
from contest.attempts.models import Attempt, AttemptItem, LateAnswer
from contest.extensions import db, utcnow

FETCH = {"X-Requested-With": "fetch"}


@pytest.fixture
def entrant(setup, client, auth):
    ctx = setup(review_policy="after_submit")
    auth.login(ctx.user)
    ctx.pid = client.post(f"/api/v1/rounds/{ctx.round.id}/attempts",
                          headers=FETCH).get_json()["attempt_id"]
    return ctx


def move_deadline(pid: str, deadline: datetime) -> Attempt:
    """Make the attempt's deadline ``deadline`` (its start as far before it as before)."""
    attempt = db.session.scalar(sa.select(Attempt).where(Attempt.public_id == pid))
    shift = deadline - attempt.deadline
    attempt.started_at += shift
    attempt.deadline = deadline
    db.session.commit()
    return attempt


def stamp(moment: datetime) -> dict[str, str]:
    """nginx's header: ``X-Request-Start: t=${msec}``."""
    return {**FETCH, "X-Request-Start": f"t={moment.timestamp():.3f}"}


def put(client, pid, position, selected, headers=FETCH):
    return client.put(f"/api/v1/attempts/{pid}/answers/{position}", json={"selected": selected},
                      headers=headers)


def selected(pid: str, position: int):
    db.session.expire_all()
    return db.session.scalar(
        sa.select(AttemptItem.selected).join(Attempt).where(
            Attempt.public_id == pid, AttemptItem.position == position))


def late_rows(pid: str) -> list[LateAnswer]:
    db.session.expire_all()
    return list(db.session.scalars(
        sa.select(LateAnswer).join(Attempt).where(Attempt.public_id == pid)
        .order_by(LateAnswer.id)))


@pytest.mark.parametrize(("header", "expected"), [
    ("t=1765150000.123", 1765150000.123),  # nginx $msec
    ("t=1765150000123", 1765150000.123),  # milliseconds
    ("t=1765150000123456", 1765150000.123456),  # microseconds
    ("1765150000", 1765150000.0),
    ("t=soon", None), ("", None), (None, None), ("t=-5", None),
])
def test_parse_request_start(header, expected):
    parsed = parse_request_start(header)
    assert parsed == pytest.approx(expected) if expected is not None else parsed is None


def test_answer_stamped_in_time_by_a_trusted_proxy_is_saved_though_processed_late(
        app, client, entrant):
    app.config["TRUSTED_PROXIES"] = "127.0.0.1"  # the test client's peer address
    deadline = utcnow() - timedelta(seconds=10)  # deadline + 5 s grace is past
    move_deadline(entrant.pid, deadline)
    arrived = deadline - timedelta(seconds=2)
    response = put(client, entrant.pid, 1, [1], headers=stamp(arrived))
    assert response.status_code == 200, response.get_json()
    assert selected(entrant.pid, 1) == [1]
    answered_at = datetime.fromisoformat(response.get_json()["answered_at"].replace("Z", "+00:00"))
    assert abs((answered_at - arrived).total_seconds()) < 0.01
    assert late_rows(entrant.pid) == []


def test_the_header_is_ignored_unless_the_peer_is_a_trusted_proxy(app, client, entrant):
    app.config["TRUSTED_PROXIES"] = "10.0.0.0/8"
    deadline = utcnow() - timedelta(seconds=10)
    move_deadline(entrant.pid, deadline)
    response = put(client, entrant.pid, 1, [1], headers=stamp(deadline - timedelta(seconds=2)))
    assert response.status_code == 409 and "hết giờ" in response.get_json()["message"]
    assert selected(entrant.pid, 1) is None
    (late,) = late_rows(entrant.pid)
    assert late.position == 1 and late.selected == [1]
    assert late.arrived_at > deadline + timedelta(seconds=5)  # judged on this process's stamp


def test_a_stamp_buys_no_more_than_the_queueing_allowance(app, client, entrant):
    app.config.update(TRUSTED_PROXIES="127.0.0.1", ARRIVAL_ALLOWANCE_SECONDS=30)
    deadline = utcnow() - timedelta(seconds=60)  # now - allowance is 25 s past deadline+grace
    move_deadline(entrant.pid, deadline)
    response = put(client, entrant.pid, 2, [0], headers=stamp(deadline - timedelta(seconds=1)))
    assert response.status_code == 409
    assert selected(entrant.pid, 2) is None
    (late,) = late_rows(entrant.pid)
    assert late.arrived_at > deadline + timedelta(seconds=29)  # clamped to now - allowance


def test_a_stamp_from_the_future_counts_as_now(app, client, entrant):
    app.config["TRUSTED_PROXIES"] = "127.0.0.1"
    move_deadline(entrant.pid, utcnow() - timedelta(seconds=10))
    future = utcnow() + timedelta(hours=1)
    assert put(client, entrant.pid, 1, [1], headers=stamp(future)).status_code == 409


def test_submit_that_arrived_in_time_is_submitted_not_expired(app, client, runner, entrant):
    app.config["TRUSTED_PROXIES"] = "127.0.0.1"
    deadline = utcnow() - timedelta(seconds=12)
    move_deadline(entrant.pid, deadline)
    # Pages, lists and the scheduler wait for deadline + grace + allowance before closing it.
    assert client.get(f"/api/v1/attempts/{entrant.pid}/status").get_json()["status"] == "open"
    assert finalize_expired() == 0
    arrived = deadline - timedelta(seconds=1)
    result = client.post(f"/api/v1/attempts/{entrant.pid}/submit", json={},
                         headers=stamp(arrived))
    body = result.get_json()
    assert result.status_code == 200 and body["status"] == "submitted"
    assert body["already_finished"] is False
    finished = datetime.fromisoformat(body["finished_at"].replace("Z", "+00:00"))
    assert abs((finished - arrived).total_seconds()) < 0.01


def test_submit_that_arrived_late_is_expired_at_the_deadline(client, entrant):
    deadline = utcnow() - timedelta(seconds=10)
    move_deadline(entrant.pid, deadline)
    body = client.post(f"/api/v1/attempts/{entrant.pid}/submit", json={},
                       headers=FETCH).get_json()
    assert body["status"] == "expired"
    assert datetime.fromisoformat(body["finished_at"].replace("Z", "+00:00")) == deadline


def test_a_request_held_in_the_process_past_the_deadline_is_judged_on_arrival(
        app, client, entrant, monkeypatch):
    """No proxy: the WSGI middleware's stamp, taken before the request waits, is the arrival."""
    from contest.attempts import api

    app.config["ANSWER_GRACE_SECONDS"] = 0
    move_deadline(entrant.pid, utcnow() + timedelta(seconds=0.6))
    real_body = api._body

    def slow_body():  # the request waits (a busy worker) until after the deadline
        time.sleep(1.0)
        return real_body()

    monkeypatch.setattr(api, "_body", slow_body)
    assert put(client, entrant.pid, 3, [1]).status_code == 200
    assert selected(entrant.pid, 3) == [1]
    late = put(client, entrant.pid, 4, [1])  # arrived after the deadline: refused, recorded
    assert late.status_code == 409
    assert [row.position for row in late_rows(entrant.pid)] == [4]


def test_batch_save_acknowledges_each_answer(client, entrant):
    response = client.put(f"/api/v1/attempts/{entrant.pid}/answers", headers=FETCH, json={
        "answers": [{"position": 1, "selected": [2]}, {"position": 2, "selected": [99]},
                    {"position": 3, "selected": [0]}, {"position": 77, "selected": [0]},
                    {"position": 3, "selected": [1]}]})
    assert response.status_code == 200
    body = response.get_json()
    results = body["results"]
    assert [r["position"] for r in results] == [1, 2, 3, 77, 3]
    assert [r["saved"] for r in results] == [True, False, True, False, True]
    assert results[1]["status"] == 400 and "Câu 2" in results[1]["message"]
    assert results[3]["status"] == 404
    assert body["saved"] == 3 and "server_time" in body
    assert selected(entrant.pid, 1) == [2] and selected(entrant.pid, 2) is None
    assert selected(entrant.pid, 3) == [1]  # the later answer for a position wins


def test_batch_after_the_deadline_is_refused_and_each_answer_recorded(client, entrant):
    deadline = utcnow() - timedelta(seconds=8)
    move_deadline(entrant.pid, deadline)
    response = client.put(f"/api/v1/attempts/{entrant.pid}/answers", headers=FETCH, json={
        "answers": [{"position": 2, "selected": [1]}, {"position": 5, "selected": [0]}]})
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [(r["saved"], r["status"]) for r in results] == [(False, 409), (False, 409)]
    rows = late_rows(entrant.pid)
    assert [(r.position, r.selected) for r in rows] == [(2, [1]), (5, [0])]
    assert all(r.arrived_at > deadline for r in rows)
    attempt = db.session.scalar(sa.select(Attempt).where(Attempt.public_id == entrant.pid))
    assert attempt.status == "expired"  # the entrant's own late request closed it


@pytest.mark.parametrize("body", [{}, {"answers": []}, {"answers": "1"},
                                  {"answers": [{"selected": [1]}]},
                                  {"answers": [{"position": True, "selected": [1]}]},
                                  {"answers": [{"position": 1}] * 201}])
def test_batch_bad_bodies_are_400_and_change_nothing(client, entrant, body):
    response = client.put(f"/api/v1/attempts/{entrant.pid}/answers", headers=FETCH, json=body)
    assert response.status_code == 400 and response.get_json()["message"]
    assert selected(entrant.pid, 1) is None


def test_batch_on_someone_elses_attempt_is_404(client, entrant, make_user, auth):
    auth.logout()
    auth.login(make_user())
    response = client.put(f"/api/v1/attempts/{entrant.pid}/answers", headers=FETCH,
                          json={"answers": [{"position": 1, "selected": [1]}]})
    assert response.status_code == 404


def test_batch_needs_the_fetch_header(client, entrant):
    response = client.put(f"/api/v1/attempts/{entrant.pid}/answers",
                          data='{"answers": [{"position": 1, "selected": [1]}]}')
    assert response.status_code == 403



def test_refused_late_answers_show_on_the_result_page_and_to_the_judges(client, entrant, auth,
                                                                        make_user):
    deadline = utcnow() - timedelta(seconds=8)
    move_deadline(entrant.pid, deadline)
    client.put(f"/api/v1/attempts/{entrant.pid}/answers", headers=FETCH, json={
        "answers": [{"position": 2, "selected": [1]}, {"position": 4, "selected": [0, 2]}]})
    page = client.get(f"/bai-thi/{entrant.pid}/ket-qua").get_data(as_text=True)
    assert 'id="late-answers"' in page
    assert "Câu 2: đã chọn B, đến lúc" in page and "Câu 4: đã chọn A, C, đến lúc" in page
    auth.logout()
    auth.login(make_user(role="judge"))
    url = f"/cham-giai/dot/{entrant.round.id}/thi-sinh/{entrant.registration.id}"
    judged = client.get(url)
    assert judged.status_code == 200
    text = judged.get_data(as_text=True)
    section = text[text.index('id="late-answers"'):]
    assert "Câu trả lời đến sau thời hạn" in section
    assert '<td class="num">2</td>' in section and "<td>B</td>" in section
    assert "<td>A, C</td>" in section


def test_plain_form_submit_after_the_deadline_records_the_changed_answers(client, entrant):
    move_deadline(entrant.pid, utcnow() - timedelta(seconds=8))
    response = client.post(f"/bai-thi/{entrant.pid}/nop-bai", data={"q1": "2", "q3": "0"})
    assert response.status_code == 302
    assert [(r.position, r.selected) for r in late_rows(entrant.pid)] == [(1, [2]), (3, [0])]
    attempt = db.session.scalar(sa.select(Attempt).where(Attempt.public_id == entrant.pid))
    assert attempt.status == "expired"
