"""Participation per unit and block, and a unit's roster (who has taken part, who has not)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from contest.accounts.models import Role, User
from contest.accounts.services import mask_phone
from contest.attempts.models import Attempt
from contest.contests import unit_scope
from contest.contests.models import EntrantGroup, Registration
from contest.extensions import db
from contest.ranking.collective import UnitStats, block_totals
from contest.reports.queries import scoped
from contest.sorting import vi_key
from contest.units.models import Block, Unit

SORT_KEYS = ("name", "block", "headcount", "registered", "entrants", "attempts", "rate")
NO_BLOCK = _l("Chưa xếp khối")


@dataclass(frozen=True)
class GroupFigure:
    """A unit's entrants of one group and its target there (None: no target, no rate)."""

    group: str
    entrants: int
    target: int | None

    @property
    def rate_percent(self) -> float | None:
        return 100.0 * self.entrants / self.target if self.target else None


@dataclass
class UnitRow:
    """A unit's participation in a contest (``stats`` from contest.ranking)."""

    unit_id: int
    code: str
    name: str
    block_name: str
    registered: int
    stats: UnitStats
    groups: list[GroupFigure] = field(default_factory=list)  # only when targets are set

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
    """The contest's units (every unit when it chose none) with headcount, registrations,
    entrants and attempts. With unit targets set, the headcount is the sum of the groups'
    targets and only the entrants of groups with a target count towards the rate; each row
    also says per group how many took part against which target."""
    registered = dict(db.session.execute(
        sa.select(Registration.unit_id, sa.func.count(Registration.id))
        .where(Registration.contest_id == contest_id, Registration.disqualified.is_(False),
               Registration.unit_id.is_not(None))
        .group_by(Registration.unit_id)).all())
    taken = scoped(sa.select(Registration.unit_id, Registration.group_id,
                             sa.func.count(sa.distinct(Attempt.registration_id)),
                             sa.func.count(Attempt.id),
                             sa.func.coalesce(sa.func.sum(Attempt.score), 0.0))
                   .select_from(Attempt), contest_id, round_id
                   ).group_by(Registration.unit_id, Registration.group_id)
    by_group: dict[int, dict[int, int]] = {}
    activity: dict[int, list] = {}
    for uid, group, e, a, total in db.session.execute(taken):
        sums = activity.setdefault(uid, [0, 0, 0.0])
        sums[0], sums[1], sums[2] = sums[0] + int(e), sums[1] + int(a), sums[2] + float(total)
        by_group.setdefault(uid, {})[group] = int(e)
    targets = unit_scope.contest_targets(contest_id)
    groups = list(db.session.execute(sa.select(EntrantGroup.id, EntrantGroup.name)
                                     .where(EntrantGroup.contest_id == contest_id)
                                     .order_by(EntrantGroup.id)))
    names = unit_scope.unit_names(contest_id)
    units = db.session.execute(
        sa.select(Unit.id, Unit.code, Unit.block_id, Unit.headcount, Block.name)
        .outerjoin(Block, Block.id == Unit.block_id)
        .where(unit_scope.in_scope(Unit.id, contest_id)))
    rows = []
    for uid, code, block_id, headcount, block_name in units:
        entrants, attempts, score_total = activity.get(uid, (0, 0, 0.0))
        stats = UnitStats(uid, block_id, headcount=headcount, entrants=entrants,
                          attempts=attempts, score_total=score_total, counted=attempts)
        row = UnitRow(uid, code, names.get(uid, code), block_name or str(NO_BLOCK),
                      int(registered.get(uid, 0)), stats)
        if targets is not None:
            own = targets.get(uid, {})
            stats.headcount = sum(own.values())
            stats.rated_entrants = sum(n for g, n in by_group.get(uid, {}).items() if g in own)
            row.groups = [GroupFigure(name, by_group.get(uid, {}).get(gid, 0), own.get(gid))
                          for gid, name in groups]
        rows.append(row)
    rows.sort(key=lambda r: (vi_key(r.name), r.unit_id))
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
        "name": lambda r: vi_key(r.name),
        "block": lambda r: (vi_key(r.block_name), vi_key(r.name)),
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
    return sorted(people, key=lambda p: (p.progress, vi_key(p.full_name)))


def _utc(value: datetime | str | None) -> datetime | None:
    """Columns read through a subquery keep their type; guard against text on SQLite anyway."""
    from contest.reports.queries import _aware

    return None if value is None else _aware(value)
