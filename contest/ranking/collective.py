"""Unit statistics, collective ranking formulas and score bands for the bulletin.

Formulas (Contest.collective_formula):
- ``rate_then_average``: participation rate desc, then average score desc; units whose rate is
  unknown (headcount 0) or below Contest.collective_min_rate are left out.
- ``points``: for each criterion with a weight (Contest.collective_weights; by default entrants,
  total score and attempts, weight 1 each) units get competition ranks (1, 2, 2, 4) among the
  units ranked together; a unit earns ``weight x (n - rank + 1)`` points per criterion
  (n = number of units), so the best earns n x weight and tied units earn the same; a unit
  with no value (rate or average unknown) ranks last on that criterion. Units are ranked by
  total points desc.
- ``most_entrants``: distinct entrants desc.
- ``full_staff_winner``: only units where every staff member on the headcount took part
  (rate 100%) and at least one entrant won an individual prize (``UnitStats.winners``);
  more winners first, then the higher average score.
Units equal on every criterion of the formula share a rank; the unit id fixes display order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from flask_babel import gettext as _

from contest.ranking.tiebreak import Entry, RankingError
from contest.vocabulary import DEFAULTS, CollectiveFormula, UnitCriterion

FORMULAS = CollectiveFormula.values()
POINT_CRITERIA = tuple(DEFAULTS.collective_weights)
CRITERIA = UnitCriterion.values()
# The keys each formula ranks on, best first ("points" is the points formula's total).
FORMULA_KEYS: dict[str, tuple[str, ...]] = {
    CollectiveFormula.RATE_THEN_AVERAGE: ("rate", "average_score"),
    CollectiveFormula.POINTS: ("points",),
    CollectiveFormula.MOST_ENTRANTS: ("entrants",),
    CollectiveFormula.FULL_STAFF_AND_WINNER: ("winners", "average_score"),
}
BANDS = ("100%", ">=75%", "25-75%", "<25%", "0")


def participation_rate(entrants: int, headcount: int) -> float | None:
    """Distinct entrants over headcount; None when the unit has no headcount."""
    return entrants / headcount if headcount > 0 else None


@dataclass(slots=True)
class UnitStats:
    """Participation and results of one unit (or one block when ``unit_id`` is None)."""

    unit_id: int | None
    block_id: int | None
    headcount: int = 0
    entrants: int = 0  # distinct entrants with a finished attempt
    attempts: int = 0  # finished attempts
    score_total: float = 0.0  # sum of counted scores
    counted: int = 0  # counted attempts (entrants; over a contest: entrant-rounds)
    full_marks: int = 0  # counted attempts with every answer right
    winners: int = 0  # entrants of the unit with an individual prize (set by results)
    # Entrants of the groups that have a target at this unit (the contest's unit targets);
    # None: every entrant counts against the headcount (a contest without targets).
    rated_entrants: int | None = None

    @property
    def rate(self) -> float | None:
        entrants = self.entrants if self.rated_entrants is None else self.rated_entrants
        return participation_rate(entrants, self.headcount)

    @property
    def average_score(self) -> float | None:
        return self.score_total / self.counted if self.counted else None


@dataclass(slots=True)
class UnitRanked:
    """A ranked unit; ``points`` only for the points formula."""

    rank: int
    stats: UnitStats
    points: float | None = None
    tied: bool = False
    detail: dict[str, float] = field(default_factory=dict)

    def value(self, key: str) -> float | None:
        """The figure a formula key reads: the points total or a ``UnitStats`` figure."""
        return self.points if key == "points" else getattr(self.stats, key)


def block_totals(stats: Iterable[UnitStats]) -> dict[int | None, UnitStats]:
    """Add unit figures up per block (rate = block entrants / block headcount)."""
    blocks: dict[int | None, UnitStats] = {}
    for s in stats:
        b = blocks.setdefault(s.block_id, UnitStats(None, s.block_id))
        b.headcount += s.headcount
        b.entrants += s.entrants
        b.attempts += s.attempts
        b.score_total += s.score_total
        b.counted += s.counted
        b.full_marks += s.full_marks
        b.winners += s.winners
        if s.rated_entrants is not None:
            b.rated_entrants = (b.rated_entrants or 0) + s.rated_entrants
    return blocks


def tally_units(entries: Iterable[Entry], units: Iterable[tuple[int, int | None, int]],
                rated: dict[int, set[int]] | None = None) -> list[UnitStats]:
    """Unit figures from counted entries (one per entrant and round), linear in entries.

    ``units`` are (unit id, block id, headcount); entries of other units are ignored.
    ``rated`` ({unit id: group ids with a target there}) limits the rate to those groups.
    """
    stats = {uid: UnitStats(uid, block, headcount) for uid, block, headcount in units}
    people: dict[int, set[int]] = {uid: set() for uid in stats}
    rated_people: dict[int, set[int]] = {uid: set() for uid in stats}
    for e in entries:
        if e.unit_id is None:  # an entrant with no unit counts for no unit
            continue
        s = stats.get(e.unit_id)
        if s is None:
            continue
        people[e.unit_id].add(e.registration_id)
        if rated is not None and e.group_id in rated.get(e.unit_id, ()):
            rated_people[e.unit_id].add(e.registration_id)
        s.attempts += e.attempt_count
        s.score_total += e.score
        s.counted += 1
        if e.max_score > 0 and e.score >= e.max_score:
            s.full_marks += 1
    for uid, s in stats.items():
        s.entrants = len(people[uid])
        if rated is not None:
            s.rated_entrants = len(rated_people[uid])
    return list(stats.values())


def _competition_ranks(items: Sequence, key: Callable) -> list[int]:
    """Ranks 1, 2, 2, 4 for items already sorted by ``key``."""
    ranks: list[int] = []
    for i, item in enumerate(items):
        same = i and key(item) == key(items[i - 1])
        ranks.append(ranks[-1] if same else i + 1)
    return ranks


def _worst_none(value: float | None) -> tuple:
    return (1, 0) if value is None else (0, -value)


def _whole(value: float) -> float:
    """Points as an int when whole (weights are usually whole numbers)."""
    return int(value) if float(value).is_integer() else round(value, 4)


def clean_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """The points formula's weights: known criteria with a positive weight, defaults if none."""
    chosen = DEFAULTS.collective_weights if weights is None else weights
    unknown = set(chosen) - set(CRITERIA)
    if unknown:
        raise RankingError(_("Tiêu chí tính điểm đơn vị không hợp lệ: %(names)s.",
                             names=", ".join(sorted(unknown))))
    if any(not isinstance(w, int | float) or w < 0 for w in chosen.values()):
        raise RankingError(_("Trọng số tiêu chí tính điểm không được âm."))
    used = {name: float(w) for name, w in chosen.items() if w}
    if not used:
        raise RankingError(_("Công thức tính điểm cần ít nhất một tiêu chí có trọng số."))
    return {name: used[name] for name in CRITERIA if name in used}


def qualifies(s: UnitStats, formula: str, min_rate: float = 0.0) -> bool:
    """Whether a unit takes part in the formula's ranking at all."""
    if formula == CollectiveFormula.RATE_THEN_AVERAGE:
        return s.rate is not None and s.rate >= min_rate - 1e-12
    if formula == CollectiveFormula.FULL_STAFF_AND_WINNER:
        return s.rate is not None and s.rate >= 1 - 1e-12 and s.winners > 0
    return True


def _points(units: list[UnitStats], weights: Mapping[str, float] | None
            ) -> tuple[dict[int | None, float], dict[int | None, dict[str, float]]]:
    n = len(units)
    points: dict[int | None, float] = {u.unit_id: 0 for u in units}
    detail: dict[int | None, dict[str, float]] = {u.unit_id: {} for u in units}
    for criterion, weight in clean_weights(weights).items():
        def read(u: UnitStats, c: str = criterion) -> tuple:
            return _worst_none(getattr(u, c))
        ordered = sorted(units, key=read)
        for u, r in zip(ordered, _competition_ranks(ordered, read), strict=True):
            earned = weight * (n - r + 1)
            points[u.unit_id] += earned
            detail[u.unit_id][criterion] = _whole(earned)
    return {uid: _whole(p) for uid, p in points.items()}, detail


def rank_units(stats: Iterable[UnitStats], formula: str, min_rate: float = 0.0,
               weights: Mapping[str, float] | None = None) -> list[UnitRanked]:
    """Rank units (usually one block) by a collective formula."""
    if formula not in FORMULA_KEYS:
        raise RankingError(_("Công thức xếp hạng tập thể không hợp lệ: “%(formula)s”.",
                             formula=formula))
    units = [u for u in stats if qualifies(u, formula, min_rate)]
    points: dict[int | None, float] = {}
    detail: dict[int | None, dict[str, float]] = {}
    if formula == CollectiveFormula.POINTS:
        points, detail = _points(units, weights)
    rows = [UnitRanked(0, u, points.get(u.unit_id), False, detail.get(u.unit_id, {}))
            for u in units]
    keys = FORMULA_KEYS[formula]

    def key(row: UnitRanked) -> tuple:
        return tuple(_worst_none(row.value(k)) for k in keys)

    rows.sort(key=lambda row: (key(row), row.stats.unit_id or 0))
    for row, r in zip(rows, _competition_ranks(rows, key), strict=True):
        row.rank = r
    for i in range(1, len(rows)):
        if rows[i].rank == rows[i - 1].rank:
            rows[i].tied = rows[i - 1].tied = True
    return rows


def rank_units_by_block(stats: Iterable[UnitStats], formula: str, min_rate: float = 0.0,
                        weights: Mapping[str, float] | None = None
                        ) -> dict[int | None, list[UnitRanked]]:
    """Rank units separately inside each block."""
    blocks: dict[int | None, list[UnitStats]] = {}
    for s in stats:
        blocks.setdefault(s.block_id, []).append(s)
    return {b: rank_units(units, formula, min_rate, weights) for b, units in blocks.items()}


def score_band(score: float, max_score: float) -> str:
    """Band of one score: "100%", ">=75%", "25-75%" (25 included), "<25%" or "0"."""
    if score <= 0 or max_score <= 0:
        return "0"
    share = score / max_score
    if share >= 1:
        return "100%"
    if share >= 0.75:
        return ">=75%"
    if share >= 0.25:
        return "25-75%"
    return "<25%"


def band_counts(results: Iterable[tuple[float, float]]) -> dict[str, int]:
    """Count (score, max_score) pairs per band, every band present."""
    counts = dict.fromkeys(BANDS, 0)
    for score, max_score in results:
        counts[score_band(score, max_score)] += 1
    return counts
