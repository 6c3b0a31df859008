"""Read-side queries for contest pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from contest.audit.models import AuditEntry
from contest.contests.models import (
    Contest,
    ContestStatus,
    EntrantGroup,
    Registration,
    Round,
    group_bank_link,
)
from contest.extensions import db, utcnow
from contest.sorting import vi_order
from question_bank.models import Bank


def public_contests() -> list[Contest]:
    """Published contests, newest first, with their rounds and entrant groups."""
    return list(db.session.scalars(
        sa.select(Contest).where(Contest.status == ContestStatus.PUBLISHED)
        .options(selectinload(Contest.rounds), selectinload(Contest.groups))
        .order_by(Contest.created_at.desc())
    ))


def managed_contests() -> list[tuple[Contest, int]]:
    """Every contest with its number of registrations, newest first."""
    count = (sa.select(sa.func.count(Registration.id))
             .where(Registration.contest_id == Contest.id).scalar_subquery())
    rows = db.session.execute(
        sa.select(Contest, count).options(selectinload(Contest.rounds))
        .order_by(Contest.created_at.desc())
    )
    return [(contest, n) for contest, n in rows]


def registration_of(contest_id: int, user_id: int) -> Registration | None:
    return db.session.scalar(sa.select(Registration).where(
        Registration.contest_id == contest_id, Registration.user_id == user_id))


def registration_count(contest_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count(Registration.id))
                             .where(Registration.contest_id == contest_id)) or 0


@dataclass(frozen=True)
class Extension:
    at: datetime
    actor: str
    before: datetime
    after: datetime
    reason: str


def round_extensions(round_id: int) -> list[Extension]:
    """The round's recorded extensions, oldest first."""
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == "round.extend",
                                    AuditEntry.target_type == Round.__name__,
                                    AuditEntry.target_id == round_id)
        .options(selectinload(AuditEntry.actor)).order_by(AuditEntry.at, AuditEntry.id)
    )
    return [Extension(entry.at, entry.actor.full_name if entry.actor else "—",
                      datetime.fromisoformat(entry.details["before"]),
                      datetime.fromisoformat(entry.details["after"]), entry.reason)
            for entry in entries]


def bank_choices() -> list[tuple[int, str]]:
    return [(bank.id, bank.name) for bank in db.session.scalars(sa.select(Bank)
                                                                .order_by(vi_order(Bank.name)))]


def rounds_sharing_banks(contest: Contest, exclude_round_id: int | None = None,
                         now: datetime | None = None) -> list[tuple[str, str]]:
    """(contest title, round name) of rounds not yet closed, in any contest, whose entrant
    groups draw from a bank one of ``contest``'s groups uses: keys shown after a submit here
    can reach their entrants (the round form warns)."""
    now = now or utcnow()
    mine = (sa.select(group_bank_link.c.bank_id)
            .join(EntrantGroup, EntrantGroup.id == group_bank_link.c.group_id)
            .where(EntrantGroup.contest_id == contest.id))
    sharing_contests = (sa.select(EntrantGroup.contest_id)
                        .join(group_bank_link, group_bank_link.c.group_id == EntrantGroup.id)
                        .where(group_bank_link.c.bank_id.in_(mine)))
    rows = db.session.execute(
        sa.select(Contest.title, Round.name).join(Round, Round.contest_id == Contest.id)
        .where(Contest.id.in_(sharing_contests), Round.closes_at > now,
               Round.id != (exclude_round_id or -1))
        .order_by(Round.opens_at, Round.id))
    return [(title, name) for title, name in rows]
