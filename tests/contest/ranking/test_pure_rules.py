"""Pure rules: prediction truth and error, collective formulas, score bands."""

from __future__ import annotations

from decimal import Decimal

import pytest

from contest.ranking.collective import (
    UnitStats,
    band_counts,
    block_totals,
    participation_rate,
    rank_units,
    rank_units_by_block,
    score_band,
    tally_units,
)
from contest.ranking.prediction import RoundCounts, prediction_error, prediction_truth
from contest.ranking.tiebreak import Entry, RankingError

COUNTS = RoundCounts(entrants=300, attempts=1000, full_marks=70)


@pytest.mark.parametrize(("kind", "counts", "truth"), [
    ("full_marks_count", COUNTS, 70.0),
    ("entrant_count", COUNTS, 300.0),
    ("attempt_count", COUNTS, 1000.0),
    ("full_marks_percent", COUNTS, 23.33),
    ("full_marks_percent", RoundCounts(3, 3, 2), 66.67),
    ("full_marks_percent", RoundCounts(0, 0, 0), 0.0),
    ("none", COUNTS, None),
])
def test_prediction_truth_per_kind(kind, counts, truth):
    assert prediction_truth(kind, counts) == truth


def test_unknown_prediction_kind_is_refused():
    with pytest.raises(RankingError):
        prediction_truth("weather", COUNTS)


@pytest.mark.parametrize(("prediction", "truth", "error"), [
    (65, 70.0, 5), (80, 70.0, 10), (70, 70.0, 0), (None, 70.0, None), (10, None, None),
    (23.5, 23.33, Decimal("0.17")),
])
def test_prediction_error_is_absolute(prediction, truth, error):
    assert prediction_error(prediction, truth) == error


def test_equal_distances_from_a_percentage_truth_are_equal():
    """Floats give 0.010000000000005116 and 0.00999999999999801: decimals give 0.01 twice."""
    below, above = prediction_error(45.37, 45.38), prediction_error(45.39, 45.38)
    assert below == above == Decimal("0.01")
    assert prediction_error(45.4, 45.38) == Decimal("0.02")


@pytest.mark.parametrize(("entrants", "headcount", "rate"), [
    (50, 100, 0.5), (0, 10, 0.0), (12, 10, 1.2), (5, 0, None),
])
def test_participation_rate(entrants, headcount, rate):
    assert participation_rate(entrants, headcount) == rate


def u(uid, headcount, entrants, attempts=0, score_total=0.0, block=1, counted=None):
    return UnitStats(uid, block, headcount, entrants, attempts, score_total,
                     entrants if counted is None else counted, 0)


UNITS = [
    u(1, 100, 80, attempts=90, score_total=1200),  # rate .8, avg 15
    u(2, 10, 8, attempts=30, score_total=160),  # rate .8, avg 20
    u(3, 100, 40, attempts=200, score_total=800),  # rate .4, avg 20: under 50 %
    u(4, 0, 25, attempts=25, score_total=500),  # no headcount: rate unknown
    u(5, 20, 20, attempts=20, score_total=300),  # rate 1, avg 15
    u(6, 50, 40, attempts=90, score_total=600),  # rate .8, avg 15 (ties with unit 1)
]


@pytest.mark.parametrize(("formula", "min_rate", "expected"), [
    ("rate_then_average", 0.5, [(1, 5), (2, 2), (3, 1), (3, 6)]),
    ("rate_then_average", 0.0, [(1, 5), (2, 2), (3, 1), (3, 6), (5, 3)]),
    ("most_entrants", 0.5, [(1, 1), (2, 3), (2, 6), (4, 4), (5, 5), (6, 2)]),
    # points: 17, 5, 16, 8, 5, 14 (worked out in the next test)
    ("points", 0.5, [(1, 1), (2, 3), (3, 6), (4, 4), (5, 2), (5, 5)]),
])
def test_collective_formulas(formula, min_rate, expected):
    rows = rank_units(UNITS, formula, min_rate)
    assert [(r.rank, r.stats.unit_id) for r in rows] == expected


def test_points_rule_gives_n_minus_rank_plus_one_per_criterion():
    rows = {r.stats.unit_id: r for r in rank_units(UNITS, "points")}
    # entrants: 80 | 40 40 | 25 | 20 | 8 -> ranks 1,2,2,4,5,6 -> points 6,5,5,3,2,1
    assert {uid: r.detail["entrants"] for uid, r in rows.items()} == {
        1: 6, 3: 5, 6: 5, 4: 3, 5: 2, 2: 1}
    # score 1200 (1), 800 (3), 600 (6), 500 (4), 300 (5), 160 (2) -> 6..1
    # attempts 200 (3) | 90 90 (1, 6) | 30 (2) | 25 (4) | 20 (5) -> 6, 5, 5, 3, 2, 1
    assert {uid: r.points for uid, r in rows.items()} == {
        1: 6 + 6 + 5, 3: 5 + 5 + 6, 6: 5 + 4 + 5, 4: 3 + 3 + 2, 2: 1 + 1 + 3, 5: 2 + 2 + 1}
    assert rows[2].rank == rows[5].rank == 5 and rows[2].tied and rows[5].tied


def test_unknown_collective_formula_is_refused():
    with pytest.raises(RankingError):
        rank_units(UNITS, "loudest")


def test_blocks_are_ranked_and_totalled_apart():
    units = [u(1, 10, 5, block=1), u(2, 10, 9, block=2), u(3, 30, 6, block=1)]
    ranking = rank_units_by_block(units, "most_entrants")
    assert {b: [r.stats.unit_id for r in rows] for b, rows in ranking.items()} == {
        1: [3, 1], 2: [2]}
    totals = block_totals(units)
    assert (totals[1].entrants, totals[1].headcount, totals[1].rate) == (11, 40, 11 / 40)


@pytest.mark.parametrize(("score", "max_score", "band"), [
    (20, 20, "100%"), (15, 20, ">=75%"), (19.5, 20, ">=75%"), (14.9, 20, "25-75%"),
    (5, 20, "25-75%"), (4.9, 20, "<25%"), (1, 20, "<25%"), (0, 20, "0"), (0, 0, "0"),
])
def test_score_band_boundaries(score, max_score, band):
    assert score_band(score, max_score) == band


def test_band_counts_lists_every_band():
    assert band_counts([(20, 20), (0, 20), (20, 20)]) == {
        "100%": 2, ">=75%": 0, "25-75%": 0, "<25%": 0, "0": 1}


def test_tally_units_counts_distinct_entrants_and_full_marks():
    entries = [Entry(1, 20.0, 20.0, attempt_count=2, unit_id=7),
               Entry(1, 10.0, 20.0, attempt_count=1, unit_id=7),  # same entrant, next round
               Entry(2, 15.0, 20.0, attempt_count=3, unit_id=7),
               Entry(3, 20.0, 20.0, unit_id=None), Entry(4, 20.0, 20.0, unit_id=99)]
    stats = tally_units(entries, [(7, 1, 4), (8, 1, 0)])
    seven, eight = stats
    assert (seven.entrants, seven.attempts, seven.score_total, seven.counted,
            seven.full_marks, seven.rate, seven.average_score) == (2, 6, 45.0, 3, 1, 0.5, 15.0)
    assert (eight.entrants, eight.rate, eight.average_score) == (0, None, None)
