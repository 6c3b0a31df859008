"""Attempt tests' shortcuts over the shared factories (tests/factories.py)."""

from __future__ import annotations

import random
from collections.abc import Callable
from types import SimpleNamespace

import pytest

from contest.attempts.prepared import prepare_papers
from contest.extensions import db


@pytest.fixture
def setup(make_round, make_entrant, make_user) -> Callable:
    """Factory: an open round and a registered entrant -> namespace(round, user, registration)."""

    def factory(**fields) -> SimpleNamespace:
        round_ = make_round(**fields)
        user = make_user()
        registration = make_entrant(user, round_.contest)
        return SimpleNamespace(round=round_, user=user, registration=registration,
                               contest=round_.contest)

    return factory


@pytest.fixture
def prepared(setup, make_entrant, make_user) -> Callable:
    """Factory: an open round with ``entrants`` registered entrants and one paper prepared
    for each -> the ``setup`` namespace plus ``others``."""

    def factory(entrants: int = 3, **fields) -> SimpleNamespace:
        ctx = setup(**fields)
        ctx.others = [make_user() for _ in range(entrants - 1)]
        for user in ctx.others:
            make_entrant(user, ctx.contest)
        drawn = prepare_papers(ctx.round, rng=random.Random(3))
        db.session.commit()
        assert list(drawn.values()) == [entrants]
        return ctx

    return factory
