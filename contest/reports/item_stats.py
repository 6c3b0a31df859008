"""Item statistics as Moodle's quiz statistics report computes them (pure functions).

Facility index: the mean score on the item as a percentage of its maximum.
Discrimination index: the Pearson correlation between the item score and the score on the rest
of the paper (the attempt total minus this item), so an item is not correlated with itself.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

REVIEW_THRESHOLD = 0.2  # discrimination below this: "cần xem lại"


@dataclass(frozen=True)
class Sums:
    """Sufficient statistics of the pairs (x = item score, y = rest-of-paper score)."""

    n: int
    sum_x: float
    sum_y: float
    sum_xx: float
    sum_yy: float
    sum_xy: float
    sum_max: float  # sum of the item's maximum over its attempts


@dataclass(frozen=True)
class ItemStat:
    """Statistics of one question over the attempts that drew it."""

    question_id: int
    n: int
    facility: float | None  # percent, 0-100
    discrimination: float | None  # -1..1; None when a score has no spread

    @property
    def needs_review(self) -> bool:
        return self.discrimination is not None and self.discrimination < REVIEW_THRESHOLD


def facility_index(scores: Sequence[float], max_score: float) -> float | None:
    """Mean score on the item divided by its maximum, as a percentage."""
    if not scores or max_score <= 0:
        return None
    return 100.0 * (sum(scores) / len(scores)) / max_score


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson correlation; None with fewer than two pairs or when either side is constant."""
    if len(xs) != len(ys):
        raise ValueError("xs and ys must have the same length")
    return pearson_from_sums(_sums(xs, ys, [0.0] * len(xs)))


def discrimination_index(item_scores: Sequence[float], totals: Sequence[float]) -> float | None:
    """Correlation of the item score with the rest of the paper (total minus the item)."""
    rest = [total - item for item, total in zip(item_scores, totals, strict=True)]
    return pearson(item_scores, rest)


def pearson_from_sums(s: Sums) -> float | None:
    """Pearson correlation from sufficient statistics (what a GROUP BY query returns)."""
    if s.n < 2:
        return None
    cov = s.n * s.sum_xy - s.sum_x * s.sum_y
    var_x = s.n * s.sum_xx - s.sum_x**2
    var_y = s.n * s.sum_yy - s.sum_y**2
    # Sums of small integers are exact in floats; a tolerance guards weighted items.
    if var_x <= 1e-9 or var_y <= 1e-9:
        return None
    return max(-1.0, min(1.0, cov / math.sqrt(var_x * var_y)))


def stat_from_sums(question_id: int, s: Sums) -> ItemStat:
    """Facility and discrimination of one item from its sums."""
    facility = 100.0 * s.sum_x / s.sum_max if s.n and s.sum_max > 0 else None
    return ItemStat(question_id, s.n, facility, pearson_from_sums(s))


def item_statistics(responses: Iterable[tuple[int, int, float, float]]) -> list[ItemStat]:
    """Statistics per question from (attempt_id, question_id, score, max_score) rows.

    Each attempt's total is the sum of its item scores. Results are ordered by question id.
    """
    rows = list(responses)
    totals: dict[int, float] = defaultdict(float)
    for attempt_id, _question_id, score, _max in rows:
        totals[attempt_id] += score
    pairs: dict[int, list[tuple[float, float, float]]] = defaultdict(list)
    for attempt_id, question_id, score, max_score in rows:
        pairs[question_id].append((score, totals[attempt_id] - score, max_score))
    stats = []
    for question_id in sorted(pairs):
        xs = [p[0] for p in pairs[question_id]]
        ys = [p[1] for p in pairs[question_id]]
        stats.append(stat_from_sums(question_id, _sums(xs, ys, [p[2] for p in pairs[question_id]])))
    return stats


def _sums(xs: Sequence[float], ys: Sequence[float], maxima: Sequence[float]) -> Sums:
    return Sums(
        n=len(xs),
        sum_x=float(sum(xs)),
        sum_y=float(sum(ys)),
        sum_xx=float(sum(x * x for x in xs)),
        sum_yy=float(sum(y * y for y in ys)),
        sum_xy=float(sum(x * y for x, y in zip(xs, ys, strict=True))),
        sum_max=float(sum(maxima)),
    )
