"""What the home page shows: contests open now and coming, and the latest published results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import defer, selectinload

from contest.contests.models import Contest, Registration, Round, RoundStatus
from contest.contests.queries import public_contests
from contest.extensions import db
from contest.results.models import ResultSnapshot

LATEST_RESULTS = 5


@dataclass(frozen=True)
class HomeContest:
    """One published contest as the home page presents it."""

    contest: Contest
    groups: list[str]  # who may enter
    current: Round | None  # the open round, else the next one to open
    entrants: int
    registered: bool  # the visitor (if logged in) is registered

    @property
    def is_open(self) -> bool:
        return self.current is not None and self.current.status == RoundStatus.OPEN

    @property
    def countdown_to(self) -> datetime | None:
        """The moment the countdown runs to: the open round's close, or the next opening."""
        if self.current is None:
            return None
        return self.current.closes_at if self.is_open else self.current.opens_at


def current_round(rounds: list[Round], now: datetime) -> Round | None:
    """The open round that closes first; else the next round to open; else None."""
    open_rounds = [r for r in rounds if r.status_at(now) == RoundStatus.OPEN]
    if open_rounds:
        return min(open_rounds, key=lambda r: r.closes_at)
    coming = [r for r in rounds if r.status_at(now) == RoundStatus.UPCOMING]
    return min(coming, key=lambda r: r.opens_at) if coming else None


def home_contests(now: datetime, user_id: int | None) -> list[HomeContest]:
    """Published contests with an open or coming round: open ones first, by closing time,
    then coming ones by opening time. Three queries whatever the number of contests."""
    contests = public_contests()
    ids = [c.id for c in contests]
    counts: dict[int, int] = {}
    mine: set[int] = set()
    if ids:
        counts = dict(db.session.execute(
            sa.select(Registration.contest_id, sa.func.count(Registration.id))
            .where(Registration.contest_id.in_(ids)).group_by(Registration.contest_id)).all())
        if user_id is not None:
            mine = set(db.session.scalars(sa.select(Registration.contest_id).where(
                Registration.user_id == user_id, Registration.contest_id.in_(ids))))
    shown = []
    for contest in contests:
        current = current_round(list(contest.rounds), now)
        if current is None:
            continue
        shown.append(HomeContest(contest, [g.name for g in contest.groups], current,
                                 counts.get(contest.id, 0), contest.id in mine))
    return sorted(shown, key=lambda h: (not h.is_open, h.countdown_to or now, h.contest.id))


def latest_results(limit: int = LATEST_RESULTS) -> list[ResultSnapshot]:
    """The most recently published current result versions."""
    return list(db.session.scalars(
        sa.select(ResultSnapshot).options(defer(ResultSnapshot.data),
                                          selectinload(ResultSnapshot.round)
                                          .selectinload(Round.contest))
        .where(ResultSnapshot.is_current.is_(True))
        .order_by(ResultSnapshot.created_at.desc(), ResultSnapshot.id.desc()).limit(limit)))
