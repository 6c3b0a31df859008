"""Real parallel requests against a threaded WSGI server on PostgreSQL.

Row locks and constraints, not luck: starts lock the Registration row, submits claim the attempt
with a conditional UPDATE, answers take a share lock on the open attempt.
"""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from contest.attempts.models import Attempt, AttemptItem, PreparedPaper
from contest.attempts.prepared import pool_sizes
from contest.attempts.services import start_attempt, submit_attempt
from contest.extensions import db
from tests.contest.attempts.live import Client, in_parallel, live_server

pytestmark = pytest.mark.postgres_only
THREADS = 8


def logged_in(port: int, user) -> Client:
    client = Client(port)
    client.login(user.login)
    return client


def test_parallel_starts_make_one_attempt(app, setup):
    ctx = setup(attempt_policy="one_per_round")
    round_id = ctx.round.id  # ORM objects stay in this thread
    with live_server(app) as port:
        clients = [logged_in(port, ctx.user) for _ in range(THREADS)]  # several devices
        results = in_parallel([
            lambda c=c: c.request("POST", f"/api/v1/rounds/{round_id}/attempts")
            for c in clients
        ])
    assert all(isinstance(r, tuple) and r[0] in (200, 201) for r in results), results
    assert [r[0] for r in results].count(201) == 1
    assert len({r[1]["attempt_id"] for r in results}) == 1
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 1


def test_parallel_starts_never_exceed_max_per_round(app, setup):
    ctx = setup(attempt_policy="max_per_round", max_attempts=2)
    first = start_attempt(ctx.user.id, ctx.round.id).attempt
    submit_attempt(first)
    db.session.commit()
    round_id = ctx.round.id  # ORM objects stay in this thread
    with live_server(app) as port:
        clients = [logged_in(port, ctx.user) for _ in range(THREADS)]
        results = in_parallel([
            lambda c=c: c.request("POST", f"/api/v1/rounds/{round_id}/attempts")
            for c in clients
        ])
    assert [r[0] for r in results].count(201) == 1, results
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 2


def test_parallel_starts_in_two_rounds_respect_one_per_contest(app, setup, make_round):
    ctx = setup(attempt_policy="one_per_contest")
    second = make_round(contest=ctx.contest, attempt_policy="one_per_contest")
    rounds = (ctx.round.id, second.id)
    with live_server(app) as port:
        clients = [logged_in(port, ctx.user) for _ in range(THREADS)]
        results = in_parallel([
            lambda c=c, r=rounds[i % 2]:
                c.request("POST", f"/api/v1/rounds/{r}/attempts")
            for i, c in enumerate(clients)
        ])
    statuses = sorted(r[0] for r in results)
    assert statuses.count(201) == 1, results
    refused = [r for r in results if r[0] == 409]
    assert refused and all("cả cuộc thi" in r[1]["message"] for r in refused)
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 1


def test_parallel_submits_grade_exactly_once(app, setup):
    ctx = setup(question_count=10)
    attempt = start_attempt(ctx.user.id, ctx.round.id).attempt
    db.session.commit()
    path = f"/api/v1/attempts/{attempt.public_id}/submit"
    with live_server(app) as port:
        clients = [logged_in(port, ctx.user) for _ in range(THREADS)]  # several tabs/devices
        results = in_parallel([lambda c=c: c.request("POST", path, {"prediction": None})
                               for c in clients])
    assert all(r[0] == 200 for r in results), results
    assert [r[1]["already_finished"] for r in results].count(False) == 1
    assert len({(r[1]["finished_at"], r[1]["score"]) for r in results}) == 1


def test_every_acknowledged_answer_is_in_the_database_and_graded(app, setup):
    ctx = setup(question_count=18, per_area=3)
    attempt = start_attempt(ctx.user.id, ctx.round.id).attempt
    db.session.commit()
    pid = attempt.public_id
    correct = {i.position: list(i.correct) for i in attempt.items}
    outcomes: dict[int, int] = {}
    some_saved = threading.Event()

    with live_server(app) as port:
        clients = [logged_in(port, ctx.user) for _ in range(4)]

        def answer_many(client: Client, positions: list[int]) -> None:
            for position in positions:
                status, _ = client.request("PUT", f"/api/v1/attempts/{pid}/answers/{position}",
                                           {"selected": correct[position]})
                outcomes[position] = status
                if len(outcomes) >= 4:
                    some_saved.set()

        def submit_midway():
            some_saved.wait(30)  # submit while the other devices are still answering
            return clients[3].request("POST", f"/api/v1/attempts/{pid}/submit", {})

        positions = sorted(correct)
        results = in_parallel([
            lambda: answer_many(clients[0], positions[0::3]),
            lambda: answer_many(clients[1], positions[1::3]),
            lambda: answer_many(clients[2], positions[2::3]),
            submit_midway,
        ])
    assert results[3][0] == 200, results
    acknowledged = {p for p, status in outcomes.items() if status == 200}
    refused = {p for p, status in outcomes.items() if status != 200}
    assert all(outcomes[p] == 409 for p in refused)
    assert acknowledged and refused, outcomes  # the submit really landed mid-way
    db.session.expire_all()
    items = db.session.scalars(
        sa.select(AttemptItem).where(AttemptItem.attempt_id == attempt.id)).all()
    for item in items:
        if item.position in acknowledged:
            assert item.selected == correct[item.position]
            assert item.is_correct is True  # saved before the claim, so graded
        else:
            assert not item.selected and item.is_correct is False
    score = db.session.scalar(sa.select(Attempt.score).where(Attempt.id == attempt.id))
    assert score == len(acknowledged)


def test_parallel_starts_claim_different_papers(app, prepared):
    """Parallel starts each take a different prepared paper (SKIP LOCKED), none twice."""
    ctx = prepared(entrants=8)
    users, round_id = [ctx.user, *ctx.others], ctx.round.id
    papers = sorted(tuple(i["question_id"] for i in paper.items)
                    for paper in db.session.scalars(sa.select(PreparedPaper)))
    with live_server(app) as port:
        clients = [logged_in(port, user) for user in users]
        results = in_parallel([
            lambda c=c: c.request("POST", f"/api/v1/rounds/{round_id}/attempts")
            for c in clients])
    assert [r[0] for r in results] == [201] * 8, results
    db.session.expire_all()
    assert sum(pool_sizes(round_id).values()) == 0
    drawn: dict[int, list[int]] = {}
    for attempt_id, question_id in db.session.execute(
            sa.select(AttemptItem.attempt_id, AttemptItem.question_id)
            .order_by(AttemptItem.attempt_id, AttemptItem.position)):
        drawn.setdefault(attempt_id, []).append(question_id)
    assert sorted(tuple(q) for q in drawn.values()) == papers  # each paper used exactly once
