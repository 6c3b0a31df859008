"""The referral leaderboard of a round and an entrant's own referrals."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from contest.attempts.models import Attempt
from contest.contests.models import Registration, Round
from contest.extensions import db
from contest.referrals import rules
from contest.referrals.models import Referral
from contest.vocabulary import FINISHED_VALUES


def credits(contest_id: int) -> list[rules.Credit]:
    return [rules.Credit(r.id, r.referrer_id, r.referred_id, r.created_at, r.address_hash,
                         r.device, r.accepted)
            for r in db.session.scalars(sa.select(Referral).where(
                Referral.contest_id == contest_id).order_by(Referral.id))]


def completed(round_: Round) -> set[int]:
    """Registrations with a finished attempt in the round (a practice round counts for none)."""
    if round_.is_practice:
        return set()
    return set(db.session.scalars(sa.select(Attempt.registration_id).where(
        Attempt.round_id == round_.id, Attempt.status.in_(FINISHED_VALUES)).distinct()))


@dataclass(frozen=True)
class Row:
    registration_id: int
    rank: int
    name: str
    unit: str
    counted: int
    flagged: int
    waiting: int


def leaderboard(round_: Round) -> list[Row]:
    """Referrers by referred entrants who completed a counted attempt in the round."""
    all_credits = credits(round_.contest_id)
    disqualified = set(db.session.scalars(sa.select(Registration.id).where(
        Registration.contest_id == round_.contest_id, Registration.disqualified.is_(True))))
    table = rules.standings(all_credits, completed(round_), disqualified)
    registrations = {r.id: r for r in db.session.scalars(sa.select(Registration).where(
        Registration.id.in_([s.referrer_id for s in table])))}
    rows, rank, previous = [], 0, None
    for n, s in enumerate(table, start=1):
        if s.counted != previous:
            rank, previous = n, s.counted
        reg = registrations[s.referrer_id]
        rows.append(Row(reg.id, rank, reg.user.full_name, reg.unit.name if reg.unit else "",
                        s.counted, s.flagged, s.waiting))
    return rows


def flagged_referrals(contest_id: int) -> list[tuple[Referral, str]]:
    """Suspicious referrals not yet accepted, with the reason, for the organiser to review."""
    reasons = rules.flags(credits(contest_id))
    if not reasons:
        return []
    rows = db.session.scalars(sa.select(Referral).where(Referral.id.in_(reasons))
                              .order_by(Referral.created_at))
    return [(r, reasons[r.id]) for r in rows if not r.accepted]


def my_referrals(registration_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Referral).where(
        Referral.referrer_id == registration_id)) or 0
