"""Read-side queries of the contest dashboard: set-based SQL, grouped in the database.

Every figure counts non-practice rounds of the contest and leaves disqualified entrants out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from contest.attempts.models import Attempt, AttemptItem
from contest.contests.models import Contest, Registration, Round
from contest.extensions import db
from contest.i18n import VN_TZ
from contest.ranking.collective import score_band
from contest.reports.item_stats import ItemStat, Sums, stat_from_sums
from contest.vocabulary import FINISHED_VALUES
from question_bank.models import Question, ReformArea

BAND_LABELS = {
    "100%": _l("Đạt 100% (điểm tuyệt đối)"),
    ">=75%": _l("Từ 75% đến dưới 100%"),
    "25-75%": _l("Từ 25% đến dưới 75%"),
    "<25%": _l("Trên 0 và dưới 25%"),
    "0": _l("0 điểm"),
}
MAX_DAYS = 120


@dataclass(frozen=True)
class Point:
    """One bar of a time series; ``label`` is Vietnam time."""

    label: str
    count: int


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    count: int
    percent: float


@dataclass(frozen=True)
class AreaAccuracy:
    area_id: int
    name: str
    answered: int
    correct: int

    @property
    def percent(self) -> float | None:
        return 100.0 * self.correct / self.answered if self.answered else None


@dataclass(frozen=True)
class ItemRow:
    """An item's statistics with the question it is about."""

    stat: ItemStat
    code: str
    text: str
    area_name: str


@dataclass(frozen=True)
class Overview:
    registrations: int
    entrants: int
    attempts: int
    full_marks: int


def list_contests() -> list[Contest]:
    """Contests, newest first, for the dashboard chooser."""
    return list(db.session.scalars(sa.select(Contest).order_by(Contest.created_at.desc(),
                                                                Contest.id.desc())))


def scoped(stmt: sa.Select, contest_id: int, round_id: int | None = None,
           finished: bool = True) -> sa.Select:
    """Restrict a select over Attempt to the contest's counted attempts."""
    stmt = (stmt.join(Round, Round.id == Attempt.round_id)
            .join(Registration, Registration.id == Attempt.registration_id)
            .where(Round.contest_id == contest_id, Round.is_practice.is_(False),
                   Registration.disqualified.is_(False)))
    if finished:
        stmt = stmt.where(Attempt.status.in_(FINISHED_VALUES))
    if round_id is not None:
        stmt = stmt.where(Attempt.round_id == round_id)
    return stmt


def overview(contest_id: int, round_id: int | None = None) -> Overview:
    """Headline figures: registrations, distinct entrants, finished attempts, full marks."""
    registrations = db.session.scalar(
        sa.select(sa.func.count(Registration.id)).where(
            Registration.contest_id == contest_id, Registration.disqualified.is_(False))) or 0
    full = sa.case((sa.and_(Attempt.max_score > 0, Attempt.score >= Attempt.max_score), 1),
                   else_=0)
    row = db.session.execute(scoped(sa.select(
        sa.func.count(sa.distinct(Attempt.registration_id)), sa.func.count(Attempt.id),
        sa.func.coalesce(sa.func.sum(full), 0)).select_from(Attempt), contest_id, round_id)).one()
    return Overview(registrations, int(row[0]), int(row[1]), int(row[2]))


def _vn_bucket(column, hourly: bool):
    """A Vietnam-time text key of a UTC timestamp column: "YYYY-MM-DD HH" or "YYYY-MM-DD"."""
    if db.session.get_bind().dialect.name == "postgresql":
        local = sa.func.timezone("Asia/Ho_Chi_Minh", column)
        return sa.func.to_char(local, "YYYY-MM-DD HH24" if hourly else "YYYY-MM-DD")
    # SQLite stores UTC wall time; Vietnam has kept UTC+7 without daylight saving since 1975.
    return sa.func.strftime("%Y-%m-%d %H" if hourly else "%Y-%m-%d", column, "+7 hours")


def _counts_by_bucket(contest_id: int, since: datetime, hourly: bool,
                      round_id: int | None) -> dict[str, int]:
    bucket = _vn_bucket(Attempt.started_at, hourly).label("bucket")
    stmt = scoped(sa.select(bucket, sa.func.count(Attempt.id)).select_from(Attempt),
                  contest_id, round_id, finished=False)
    stmt = stmt.where(Attempt.started_at >= since).group_by(bucket)
    return {key: int(n) for key, n in db.session.execute(stmt)}


def attempts_per_hour(contest_id: int, now: datetime, hours: int = 48,
                      round_id: int | None = None) -> list[Point]:
    """Attempts started in each of the last ``hours`` hours (Vietnam time), zeros included."""
    last = now.astimezone(VN_TZ).replace(minute=0, second=0, microsecond=0)
    first = last - timedelta(hours=hours - 1)
    counts = _counts_by_bucket(contest_id, first, True, round_id)
    slots = [first + timedelta(hours=i) for i in range(hours)]
    return [Point(s.strftime("%Hh %d/%m"), counts.get(s.strftime("%Y-%m-%d %H"), 0))
            for s in slots]


def attempts_per_day(contest_id: int, now: datetime, round_id: int | None = None) -> list[Point]:
    """Attempts started on each day of the contest so far (Vietnam time), zeros included."""
    span = db.session.execute(sa.select(sa.func.min(Round.opens_at), sa.func.max(Round.closes_at))
                              .where(Round.contest_id == contest_id,
                                     Round.is_practice.is_(False))).one()
    if span[0] is None:
        return []
    opens, closes = span
    start = _aware(opens).astimezone(VN_TZ).date()
    end = min(now, _aware(closes)).astimezone(VN_TZ).date()
    if end < start:
        return []
    start = max(start, end - timedelta(days=MAX_DAYS - 1))
    since = datetime(start.year, start.month, start.day, tzinfo=VN_TZ)
    counts = _counts_by_bucket(contest_id, since, False, round_id)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    return [Point(d.strftime("%d/%m"), counts.get(d.isoformat(), 0)) for d in days]


def _aware(value: datetime | str) -> datetime:
    """Guard against a backend returning an aggregate as naive UTC wall time or text."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def score_bands(contest_id: int, round_id: int | None = None) -> list[Band]:
    """Finished attempts per bulletin band (100%, >=75%, 25-75%, <25%, 0)."""
    stmt = scoped(sa.select(Attempt.score, Attempt.max_score, sa.func.count(Attempt.id))
                  .select_from(Attempt), contest_id, round_id)
    stmt = stmt.group_by(Attempt.score, Attempt.max_score)
    counts = dict.fromkeys(BAND_LABELS, 0)
    for score, max_score, n in db.session.execute(stmt):
        counts[score_band(float(score or 0), float(max_score or 0))] += int(n)
    total = sum(counts.values())
    return [Band(key, str(label), counts[key], 100.0 * counts[key] / total if total else 0.0)
            for key, label in BAND_LABELS.items()]


def area_accuracy(contest_id: int, round_id: int | None = None) -> list[AreaAccuracy]:
    """Share of right answers per reform area, weakest area first."""
    right = sa.func.sum(sa.case((AttemptItem.is_correct.is_(True), 1), else_=0))
    stmt = scoped(sa.select(AttemptItem.area_id, sa.func.count(AttemptItem.id), right)
                  .select_from(AttemptItem).join(Attempt, Attempt.id == AttemptItem.attempt_id),
                  contest_id, round_id).group_by(AttemptItem.area_id)
    found = {area_id: (int(n), int(c or 0)) for area_id, n, c in db.session.execute(stmt)}
    areas = db.session.scalars(sa.select(ReformArea).order_by(ReformArea.position))
    rows = [AreaAccuracy(a.id, a.name, *found.get(a.id, (0, 0))) for a in areas]
    return sorted(rows, key=lambda r: (r.percent is None, r.percent or 0, r.area_id))


def item_statistics(contest_id: int, round_id: int | None = None) -> list[ItemRow]:
    """Facility and discrimination of every question drawn, from sums grouped in SQL."""
    x = sa.case((AttemptItem.is_correct.is_(True), AttemptItem.weight), else_=0.0)
    totals = scoped(sa.select(AttemptItem.attempt_id.label("attempt_id"),
                              sa.func.sum(x).label("total"))
                    .select_from(AttemptItem).join(Attempt, Attempt.id == AttemptItem.attempt_id),
                    contest_id, round_id).group_by(AttemptItem.attempt_id).subquery()
    y = totals.c.total - x
    stmt = (sa.select(AttemptItem.question_id, sa.func.count(AttemptItem.id), sa.func.sum(x),
                      sa.func.sum(y), sa.func.sum(x * x), sa.func.sum(y * y), sa.func.sum(x * y),
                      sa.func.sum(AttemptItem.weight))
            .join(totals, totals.c.attempt_id == AttemptItem.attempt_id)
            .group_by(AttemptItem.question_id))
    stats = {}
    for qid, n, *sums in db.session.execute(stmt):
        stats[qid] = stat_from_sums(qid, Sums(int(n), *(float(s or 0) for s in sums)))
    if not stats:
        return []
    questions = db.session.execute(
        sa.select(Question.id, Question.code, Question.text, ReformArea.name)
        .join(ReformArea, ReformArea.id == Question.area_id).where(Question.id.in_(stats)))
    return [ItemRow(stats[qid], code, text, area) for qid, code, text, area in questions]


def hardest(rows: list[ItemRow], limit: int = 10) -> list[ItemRow]:
    """Items with the lowest facility index first."""
    rated = [r for r in rows if r.stat.facility is not None]
    return sorted(rated, key=lambda r: (r.stat.facility, r.code))[:limit]
