"""Attacks on attempts (issue 14, points 7 and 8): parallel starts to get past "one attempt
per contest" (SQLite ignores row locks), and reading the answer key while an attempt is open."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from contest.attempts.models import Attempt
from contest.extensions import db
from tests.contest.attempts.live import Client, in_parallel, live_server

THREADS = 8


@pytest.mark.parametrize("trial", range(3))
def test_parallel_starts_in_two_rounds_get_one_attempt_per_contest(app, make_round, make_user,
                                                                  make_entrant, trial):
    """Eight tabs start both open rounds at once: one attempt, on SQLite as on PostgreSQL."""
    first = make_round(attempt_policy="one_per_contest")
    second = make_round(contest=first.contest, attempt_policy="one_per_contest")
    user = make_user()
    make_entrant(user, first.contest)
    rounds = (first.id, second.id)
    with live_server(app) as port:
        clients = [Client(port) for _ in range(THREADS)]
        for client in clients:
            client.login(user.login)
        results = in_parallel([
            lambda c=c, r=rounds[i % 2]: c.request("POST", f"/api/v1/rounds/{r}/attempts")
            for i, c in enumerate(clients)])
    statuses = [r[0] for r in results]
    assert statuses.count(201) == 1, results
    assert all(s in (200, 201, 409) for s in statuses), results
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 1
