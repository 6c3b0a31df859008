"""Read side: counted attempts, round facts and unit statistics in set-based SQL.

The counted attempt is chosen in SQL with ROW_NUMBER() per (round, registration), ordered the
way ``individual.pick_counted`` orders them; rows come back in ranking order, so Python only
walks them once. Works on PostgreSQL and SQLite (window functions, NULLS LAST).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from operator import itemgetter

import sqlalchemy as sa
from flask import current_app

from contest.attempts.models import Attempt
from contest.contests.models import Registration, Round, RoundDisqualification
from contest.extensions import db
from contest.ranking.collective import UnitStats
from contest.ranking.individual import ATTEMPT_KEYS, Ranked
from contest.ranking.prediction import UNITS, RoundCounts, as_decimal
from contest.ranking.tiebreak import Entry, normalise_chain
from contest.units.models import Unit
from contest.vocabulary import FINISHED_VALUES, Counting

A = Attempt.__table__
R = Registration.__table__
RD = Round.__table__
RDQ = RoundDisqualification.__table__
U = Unit.__table__

# Output columns of ``counted``, in this order (Entry's positional order where possible).
COLUMNS = ("registration_id", "score", "max_score", "prediction", "prediction_error",
           "time_taken", "submitted_at", "attempt_count", "registered_at", "group_id",
           "unit_id", "user_id", "attempt_id", "round_id")
KEY_COLUMNS = {"score": "score", "prediction_error": "prediction_error",
               "time_taken": "time_taken", "submitted_at": "submitted_at",
               "attempt_count": "attempt_count", "registered_at": "registered_at"}


class ErrorUnits(sa.types.TypeDecorator):
    """A prediction error counted in whole units in SQL, read back as an exact Decimal."""

    impl = sa.Integer
    cache_ok = True

    def process_result_value(self, value, dialect):
        return as_decimal(value)


def counted(round_ids: Sequence[int], chain: Sequence[str], *, group_id: int | None = None,
            exclude_ids: Iterable[int] = (), include_disqualified: bool = False) -> sa.Subquery:
    """One row per (round, registration): the counted finished attempt and its key values."""
    chain = normalise_chain(chain)
    _roomy_sorts()
    rules = {rid: (counting, truth) for rid, counting, truth in db.session.execute(
        sa.select(RD.c.id, RD.c.counting, RD.c.prediction_truth)
        .where(RD.c.id.in_(list(round_ids))))}
    # Each round's rule and truth go in as literals (a CASE only when rounds differ), so
    # the planner sees plain columns and no join with "round" per attempt row.
    score = sa.func.coalesce(A.c.score, 0.0)
    # Whole hundredths, as ``prediction.error_units``: equal distances compare equal in SQL.
    error = sa.type_coerce(sa.cast(sa.func.round(
        sa.func.abs(A.c.prediction - _per_round({r: t for r, (_, t) in rules.items()}))
        * UNITS), sa.Integer), ErrorUnits())
    best = _in_rounds([r for r, (counting, _) in rules.items() if counting == Counting.BEST], rules)
    last = _in_rounds([r for r, (counting, _) in rules.items() if counting == Counting.LAST], rules)
    # Counting "best" orders by score then the attempt-level keys; first/last by number only.
    by_key = {"score": -score, "prediction_error": error,
              "time_taken": A.c.duration_seconds, "submitted_at": A.c.finished_at}
    order = []
    if best is not False:
        order = [(by_key[name] if best is True else sa.case((best, by_key[name])))
                 .asc().nulls_last() for name in chain if name in ATTEMPT_KEYS]
    if last is True:
        order.append(A.c.number.desc())
    elif last is False:
        order.append(A.c.number.asc())
    else:
        order.append(sa.case((last, -A.c.number), else_=A.c.number).asc())
    partition = (A.c.round_id, A.c.registration_id)
    query = (
        sa.select(
            A.c.registration_id, score.label("score"), A.c.max_score, A.c.prediction,
            error.label("prediction_error"), A.c.duration_seconds.label("time_taken"),
            A.c.finished_at.label("submitted_at"),
            sa.func.count().over(partition_by=partition).label("attempt_count"),
            R.c.created_at.label("registered_at"), R.c.group_id, R.c.unit_id, R.c.user_id,
            A.c.id.label("attempt_id"), A.c.round_id,
            sa.func.row_number().over(partition_by=partition, order_by=order).label("pick"),
        )
        .select_from(A.join(R, R.c.id == A.c.registration_id))
        .where(A.c.round_id.in_(list(round_ids)), A.c.status.in_(FINISHED_VALUES))
    )
    if not include_disqualified:
        query = query.where(R.c.disqualified.is_(False), ~_round_disqualified())
    if group_id is not None:
        query = query.where(R.c.group_id == group_id)
    excluded = list(exclude_ids)
    if excluded:
        query = query.where(R.c.id.not_in(excluded))
    return query.subquery("counted")


def _round_disqualified() -> sa.Exists:
    """The attempt's entrant is disqualified in the attempt's round (one round only)."""
    return sa.exists().where(RDQ.c.registration_id == A.c.registration_id,
                             RDQ.c.round_id == A.c.round_id)


def _on_postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def _roomy_sorts() -> None:
    """On PostgreSQL, let this transaction sort a national round in memory, not on disk,
    and hand timestamps back in UTC (see ``_output``)."""
    if _on_postgresql():
        size = current_app.config.get("RANKING_WORK_MEM", "256MB")
        db.session.execute(sa.text("SELECT set_config('work_mem', :size, true), "
                                   "set_config('TimeZone', 'UTC', true)"), {"size": size})


def _output(c: sa.Subquery, names: Sequence[str]) -> list:
    """Columns to fetch. On PostgreSQL the driver already returns aware UTC datetimes (the
    transaction's TimeZone is UTC), so skip the per-value UTCDateTime conversion."""
    plain = _on_postgresql()
    return [sa.type_coerce(c.c[n], sa.DateTime(timezone=True))
            if plain and n in ("submitted_at", "registered_at") else c.c[n] for n in names]


def _per_round(values: dict[int, float | None]) -> sa.ColumnElement:
    """One literal per round: the value itself when every round agrees, else a CASE."""
    if len(set(values.values())) <= 1:
        value = next(iter(values.values()), None)
        return sa.cast(sa.null(), sa.Float) if value is None else sa.literal(value, sa.Float)
    whens = {rid: sa.cast(sa.null(), sa.Float) if v is None else sa.literal(v, sa.Float)
             for rid, v in values.items()}
    return sa.case(whens, value=A.c.round_id)


def _in_rounds(chosen: list[int], rules: dict) -> sa.ColumnElement | bool:
    """True/False when the rule holds for all/none of the rounds, else a condition."""
    if len(chosen) == len(rules):
        return True
    return A.c.round_id.in_(chosen) if chosen else False


def ranking_order(c: sa.Subquery, chain: Sequence[str]) -> list:
    """ORDER BY matching ``tiebreak.sort_key``: configured keys, registration id last."""
    order = []
    for name in normalise_chain(chain):
        column = c.c[KEY_COLUMNS[name]]
        order.append((column.desc() if name == "score" else column.asc()).nulls_last())
    order.append(c.c.registration_id.asc())
    return order


def ranked_round(round_id: int, chain: Sequence[str], **filters) -> dict[int, list[Ranked]]:
    """Rank a round per entrant group: SQL picks and orders, Python assigns ranks linearly."""
    c = counted([round_id], chain, **filters)
    stmt = (sa.select(*_output(c, COLUMNS[:-1]))
            .where(c.c.pick == 1)
            .order_by(c.c.group_id, *ranking_order(c, chain)))
    with _no_gc():
        rows = db.session.connection().execute(stmt).fetchall()  # one bulk fetch
    tie = itemgetter(*(COLUMNS.index(KEY_COLUMNS[n]) for n in normalise_chain(chain)))
    groups: dict[int, list[Ranked]] = {}
    ranked: list[Ranked] = []
    group, previous, position = object(), None, 0
    with _no_gc():
        for row in rows:
            if row[9] != group:
                group, previous, position = row[9], None, 0
                ranked = groups[group] = []
            position += 1
            key = tie(row)
            if key == previous:
                ranked[-1].tied = True
                ranked.append(Ranked(ranked[-1].rank, Entry(*row), True))
            else:
                ranked.append(Ranked(position, Entry(*row)))
            previous = key
    return groups


@contextmanager
def _no_gc():
    """Pause the cyclic GC while building many acyclic objects: it would rescan them all."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def counted_entries(round_ids: Sequence[int], chain: Sequence[str],
                    **filters) -> dict[int, list[Entry]]:
    """Counted entries of several rounds, unordered, keyed by round id."""
    c = counted(round_ids, chain, **filters)
    stmt = sa.select(*_output(c, COLUMNS)).where(c.c.pick == 1)
    entries: dict[int, list[Entry]] = {round_id: [] for round_id in round_ids}
    with _no_gc():
        for row in db.session.connection().execute(stmt).fetchall():
            entries[row[-1]].append(Entry(*row[:-1]))
    return entries


def round_counts(round_id: int) -> RoundCounts:
    """Entrants, attempts and full-mark entrants of a round (disqualified ones included)."""
    c = counted([round_id], ["score"], include_disqualified=True)
    full = sa.and_(c.c.max_score > 0, c.c.score >= c.c.max_score)
    stmt = sa.select(
        sa.func.count(),
        sa.func.coalesce(sa.func.sum(c.c.attempt_count), 0),
        sa.func.coalesce(sa.func.sum(sa.case((full, 1), else_=0)), 0),
    ).where(c.c.pick == 1)
    entrants, attempts, full_marks = db.session.execute(stmt).one()
    return RoundCounts(int(entrants), int(attempts), int(full_marks))


def unit_stats(contest_id: int, round_ids: Sequence[int], chain: Sequence[str],
               group_id: int | None = None) -> list[UnitStats]:
    """Per-unit figures over the given rounds, for the contest's units (``contest_units``)."""
    c = counted(round_ids, chain, group_id=group_id)
    full = sa.and_(c.c.max_score > 0, c.c.score >= c.c.max_score)
    stmt = (
        sa.select(
            c.c.unit_id,
            c.c.group_id,
            sa.func.count(sa.distinct(c.c.registration_id)),
            sa.func.sum(c.c.attempt_count),
            sa.func.sum(c.c.score),
            sa.func.count(),
            sa.func.sum(sa.case((full, 1), else_=0)),
        )
        .where(c.c.pick == 1, c.c.unit_id.is_not(None))
        .group_by(c.c.unit_id, c.c.group_id)
    )
    targets = unit_targets(contest_id)
    figures: dict[int, list] = {}
    rated: dict[int, int] = {}
    for unit_id, group, *values in db.session.execute(stmt):
        # A registration has one group, so entrants per (unit, group) add up per unit.
        sums = figures.setdefault(unit_id, [0, 0, 0.0, 0, 0])
        for index, value in enumerate(values):
            sums[index] += value or 0
        if targets is not None and group in targets.get(unit_id, {}):
            rated[unit_id] = rated.get(unit_id, 0) + int(values[0])
    stats = []
    for unit_id, block_id, headcount in contest_units(contest_id, group_id, targets):
        entrants, attempts, total, count, full_marks = figures.get(unit_id, (0, 0, 0.0, 0, 0))
        stats.append(UnitStats(unit_id, block_id, headcount, int(entrants), int(attempts),
                               float(total or 0.0), int(count), int(full_marks or 0),
                               rated_entrants=None if targets is None
                               else rated.get(unit_id, 0)))
    return stats


def unit_targets(contest_id: int) -> dict[int, dict[int, int]] | None:
    """{unit id: {group id: target}}, or None for a contest that set no target."""
    from contest.contests.unit_scope import contest_targets

    return contest_targets(contest_id)


def contest_units(contest_id: int, group_id: int | None = None,
                  targets: dict[int, dict[int, int]] | None = None,
                  ) -> list[tuple[int, int | None, int]]:
    """(id, block id, headcount) of the contest's units: those it chose (every one of them),
    or for a contest using every unit, those with a headcount or a registration in it. The
    headcount is the sum of the groups' targets (``group_id``'s only) when the contest set
    targets, else the unit's own headcount."""
    from contest.contests.models import ContestUnit

    chosen = sa.select(ContestUnit.unit_id).where(ContestUnit.contest_id == contest_id)
    if db.session.scalar(chosen.limit(1)) is not None:
        where: sa.ColumnElement[bool] = U.c.id.in_(chosen)
    else:
        # EXISTS probes ix_registration_unit_id per unit; an IN (subquery) made PostgreSQL
        # plan a materialised scan of every registration per unit.
        registered = sa.exists().where(R.c.unit_id == U.c.id, R.c.contest_id == contest_id)
        where = sa.or_(U.c.headcount > 0, registered,
                       U.c.id.in_(list(targets or ())))  # a unit with a target counts too
    rows = db.session.execute(
        sa.select(U.c.id, U.c.block_id, U.c.headcount).where(where).order_by(U.c.id)).all()
    if targets is None:
        return [tuple(row) for row in rows]
    return [(uid, block, sum(n for g, n in targets.get(uid, {}).items()
                             if group_id is None or g == group_id))
            for uid, block, _headcount in rows]


def band_sql(round_ids: Sequence[int], counted_only: bool = True) -> dict[str, int]:
    """Score bands (collective.score_band) over counted or all finished attempts.

    Disqualified entrants are left out either way.
    """
    if counted_only:
        c = counted(round_ids, ["score"])
        source = sa.select(c.c.score, c.c.max_score).where(c.c.pick == 1).subquery()
    else:
        source = (sa.select(sa.func.coalesce(A.c.score, 0.0).label("score"), A.c.max_score)
                  .select_from(A.join(R, R.c.id == A.c.registration_id))
                  .where(A.c.round_id.in_(list(round_ids)), A.c.status.in_(FINISHED_VALUES),
                         R.c.disqualified.is_(False), ~_round_disqualified())
                  .subquery())
    share = source.c.score / source.c.max_score
    band = sa.case(
        (sa.or_(source.c.score <= 0, source.c.max_score <= 0), "0"),
        (share >= 1, "100%"), (share >= 0.75, ">=75%"), (share >= 0.25, "25-75%"),
        else_="<25%",
    ).label("band")
    counts = dict.fromkeys(("100%", ">=75%", "25-75%", "<25%", "0"), 0)
    for name, count in db.session.execute(sa.select(band, sa.func.count()).group_by(band)):
        counts[name] = int(count)
    return counts
