"""Participation per unit and block, and a unit's roster (who has taken part, who has not)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from contest.accounts.models import Role, User
from contest.accounts.services import mask_phone
from contest.attempts.models import Attempt
from contest.contests.models import Registration
from contest.extensions import db
from contest.ranking.collective import UnitStats, block_totals
from contest.reports.queries import scoped
from contest.units.models import Block, Unit

SORT_KEYS = ("name", "block", "headcount", "registered", "entrants", "attempts", "rate")
NO_BLOCK = _l("Chưa xếp khối")


@dataclass
class UnitRow:
    """A unit's participation in a contest (``stats`` from contest.ranking)."""

    unit_id: int
    code: str
    name: str
    block_name: str
    registered: int
    stats: UnitStats

    @property
    def rate_percent(self) -> float | None:
        rate = self.stats.rate
        return None if rate is None else 100.0 * rate


@dataclass
class BlockRow:
    block_id: int | None
    name: str
    units: int
    stats: UnitStats

    @property
    def rate_percent(self) -> float | None:
        rate = self.stats.rate
        return None if rate is None else 100.0 * rate


def unit_participation(contest_id: int, round_id: int | None = None) -> list[UnitRow]:
    """Every unit with its headcount, registrations, entrants and attempts in the contest."""
    registered = dict(db.session.execute(
        sa.select(Registration.unit_id, sa.func.count(Registration.id))
        .where(Registration.contest_id == contest_id, Registration.disqualified.is_(False),
               Registration.unit_id.is_not(None))
        .group_by(Registration.unit_id)).all())
    taken = scoped(sa.select(Registration.unit_id,
                             sa.func.count(sa.distinct(Attempt.registration_id)),
                             sa.func.count(Attempt.id),
                             sa.func.coalesce(sa.func.sum(Attempt.score), 0.0))
                   .select_from(Attempt), contest_id, round_id).group_by(Registration.unit_id)
    activity = {uid: (int(e), int(a), float(s)) for uid, e, a, s in db.session.execute(taken)}
    units = db.session.execute(
        sa.select(Unit.id, Unit.code, Unit.name, Unit.block_id, Unit.headcount, Block.name)
        .outerjoin(Block, Block.id == Unit.block_id).order_by(Unit.name, Unit.id))
    rows = []
    for uid, code, name, block_id, headcount, block_name in units:
        entrants, attempts, score_total = activity.get(uid, (0, 0, 0.0))
        stats = UnitStats(uid, block_id, headcount=headcount, entrants=entrants,
                          attempts=attempts, score_total=score_total, counted=attempts)
        rows.append(UnitRow(uid, code, name, block_name or str(NO_BLOCK),
                            int(registered.get(uid, 0)), stats))
    return rows


def block_participation(rows: list[UnitRow]) -> list[BlockRow]:
    """Add unit rows up per block, lowest rate first."""
    names = {r.stats.block_id: r.block_name for r in rows}
    counts: dict[int | None, int] = {}
    for r in rows:
        counts[r.stats.block_id] = counts.get(r.stats.block_id, 0) + 1
    blocks = [BlockRow(bid, names[bid], counts[bid], stats)
              for bid, stats in block_totals(r.stats for r in rows).items()]
    return sorted(blocks, key=lambda b: (b.stats.rate is None, b.stats.rate or 0, b.name))


def sort_units(rows: list[UnitRow], key: str, descending: bool) -> list[UnitRow]:
    """Sort by a column of the table; units without a rate always go last."""
    getters = {
        "name": lambda r: r.name.casefold(),
        "block": lambda r: (r.block_name.casefold(), r.name.casefold()),
        "headcount": lambda r: r.stats.headcount,
        "registered": lambda r: r.registered,
        "entrants": lambda r: r.stats.entrants,
        "attempts": lambda r: r.stats.attempts,
        "rate": lambda r: r.stats.rate or 0.0,
    }
    getter = getters.get(key, getters["rate"])
    ordered = sorted(rows, key=getter, reverse=descending)
    if key == "rate":
        ordered.sort(key=lambda r: r.stats.rate is None)
    return ordered


@dataclass(frozen=True)
class Person:
    """One member of a unit as the unit leader sees them (phone masked)."""

    full_name: str
    phone: str
    registered_at: datetime | None
    attempts: int
    best_score: float | None
    max_score: float | None
    last_attempt_at: datetime | None

    @property
    def progress(self) -> int:
        """0 not registered, 1 registered but not taken part, 2 taken part."""
        if self.attempts:
            return 2
        return 1 if self.registered_at else 0

    @property
    def status(self) -> str:
        return (_("Chưa đăng ký"), _("Đã đăng ký, chưa thi"), _("Đã thi"))[self.progress]


def unit_roster(contest_id: int, unit_id: int, round_id: int | None = None) -> list[Person]:
    """The unit's entrants (accounts of the unit, or registered under it) and what they did."""
    reg = (sa.select(Registration.id, Registration.user_id, Registration.unit_id,
                     Registration.created_at)
           .where(Registration.contest_id == contest_id).subquery())
    done = scoped(sa.select(Attempt.registration_id.label("rid"),
                            sa.func.count(Attempt.id).label("n"),
                            sa.func.max(Attempt.score).label("best"),
                            sa.func.max(Attempt.max_score).label("max"),
                            sa.func.max(Attempt.started_at).label("last"))
                  .select_from(Attempt), contest_id, round_id
                  ).group_by(Attempt.registration_id).subquery()
    stmt = (sa.select(User.full_name, User.phone, reg.c.created_at, done.c.n, done.c.best,
                      done.c.max, done.c.last)
            .outerjoin(reg, reg.c.user_id == User.id)
            .outerjoin(done, done.c.rid == reg.c.id)
            .where(User.role == Role.ENTRANT.value,
                   sa.or_(sa.and_(User.unit_id == unit_id, reg.c.unit_id.is_(None)),
                          reg.c.unit_id == unit_id)))
    people = [Person(name, mask_phone(phone), _utc(created), int(n or 0),
                     None if best is None else float(best),
                     None if top is None else float(top), _utc(last))
              for name, phone, created, n, best, top, last in db.session.execute(stmt)]
    return sorted(people, key=lambda p: (p.progress, p.full_name.casefold()))


def _utc(value: datetime | str | None) -> datetime | None:
    """Columns read through a subquery keep their type; guard against text on SQLite anyway."""
    from contest.reports.queries import _aware

    return None if value is None else _aware(value)
