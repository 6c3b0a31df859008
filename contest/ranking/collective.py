"""Unit statistics, collective ranking formulas and score bands for the bulletin.

Formulas (Contest.collective_formula):
- ``rate_then_average``: participation rate desc, then average score desc; units whose rate is
  unknown (headcount 0) or below Contest.collective_min_rate are left out.
- ``points``: for each criterion (entrants, total score, attempts) units get competition ranks
  (1, 2, 2, 4) among the units ranked together; a unit earns ``n - rank + 1`` points per
  criterion (n = number of units), so the best earns n and tied units earn the same. Units are
  ranked by total points desc.
- ``most_entrants``: distinct entrants desc.
Units equal on every criterion of the formula share a rank; the unit id fixes display order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from flask_babel import gettext as _

from contest.ranking.tiebreak import Entry, RankingError
from contest.vocabulary import CollectiveFormula

FORMULAS = CollectiveFormula.values()
POINT_CRITERIA = ("entrants", "score_total", "attempts")
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
    points: int | None = None
    tied: bool = False
    detail: dict[str, int] = field(default_factory=dict)


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
        if s.rated_entrants is not None:
            b.rated_entrants = (b.rated_entrants or 0) + s.rated_entrants
    return blocks


def _highest_first(criterion: str) -> Callable[[UnitStats], float]:
    """Sort key: the unit's ``criterion`` figure, highest first."""
    return lambda u: -getattr(u, criterion)


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


def rank_units(stats: Iterable[UnitStats], formula: str,
               min_rate: float = 0.0) -> list[UnitRanked]:
    """Rank units (usually one block) by a collective formula."""
    units = list(stats)
    points: dict[int | None, int] = {}
    detail: dict[int | None, dict[str, int]] = {}
    if formula == CollectiveFormula.RATE_THEN_AVERAGE:
        units = [u for u in units if u.rate is not None and u.rate >= min_rate]

        def key(u: UnitStats) -> tuple:
            return (_worst_none(u.rate), _worst_none(u.average_score))
    elif formula == CollectiveFormula.MOST_ENTRANTS:
        def key(u: UnitStats) -> tuple:
            return (-u.entrants,)
    elif formula == CollectiveFormula.POINTS:
        n = len(units)
        for criterion in POINT_CRITERIA:
            ordered = sorted(units, key=_highest_first(criterion))
            for u, r in zip(ordered, _competition_ranks(
                    ordered, lambda u, c=criterion: getattr(u, c)), strict=True):
                points[u.unit_id] = points.get(u.unit_id, 0) + n - r + 1
                detail.setdefault(u.unit_id, {})[criterion] = n - r + 1

        def key(u: UnitStats) -> tuple:
            return (-points[u.unit_id],)
    else:
        raise RankingError(_("Công thức xếp hạng tập thể không hợp lệ: “%(formula)s”.",
                             formula=formula))
    units.sort(key=lambda u: (key(u), u.unit_id or 0))
    ranks = _competition_ranks(units, key)
    rows = [UnitRanked(r, u, points.get(u.unit_id), False, detail.get(u.unit_id, {}))
            for u, r in zip(units, ranks, strict=True)]
    for i in range(1, len(rows)):
        if rows[i].rank == rows[i - 1].rank:
            rows[i].tied = rows[i - 1].tied = True
    return rows


def rank_units_by_block(stats: Iterable[UnitStats], formula: str,
                        min_rate: float = 0.0) -> dict[int | None, list[UnitRanked]]:
    """Rank units separately inside each block."""
    blocks: dict[int | None, list[UnitStats]] = {}
    for s in stats:
        blocks.setdefault(s.block_id, []).append(s)
    return {b: rank_units(units, formula, min_rate) for b, units in blocks.items()}


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
