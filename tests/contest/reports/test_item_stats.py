"""Item statistics, checked against values worked out by hand."""

from __future__ import annotations

import math

import pytest

from contest.reports.item_stats import (
    ItemStat,
    discrimination_index,
    facility_index,
    item_statistics,
    pearson,
)

R = 1 / math.sqrt(2)  # 0.7071...


@pytest.mark.parametrize(("scores", "max_score", "expected"), [
    ([1, 1, 0, 0], 1, 50.0),
    ([1, 1, 1], 1, 100.0),
    ([0, 0], 1, 0.0),
    ([2, 1, 0], 2, 50.0),  # weighted item worth 2
    ([], 1, None),
    ([1], 0, None),
])
def test_facility_index_is_mean_over_maximum_in_percent(scores, max_score, expected):
    assert facility_index(scores, max_score) == expected


@pytest.mark.parametrize(("xs", "ys", "expected"), [
    # dx = ±.5, dy = (1, 0, 0, -1): cov 1, var 1 and 2 -> 1/sqrt(2)
    ([1, 1, 0, 0], [2, 1, 1, 0], R),
    ([1, 0, 1, 0], [0, 2, 1, 1], -R),
    ([1, 0, 1, 0], [2, 2, 0, 0], 0.0),
    ([1, 0], [5, 2], 1.0),
    ([1, 2, 3], [6, 4, 2], -1.0),
    ([1, 1, 1], [0, 1, 2], None),  # everyone right: no spread
    ([1, 0, 1], [2, 2, 2], None),
    ([1], [1], None),
    ([], [], None),
])
def test_pearson_matches_hand_values(xs, ys, expected):
    result = pearson(xs, ys)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)


def test_discrimination_correlates_item_with_rest_of_paper():
    # totals 3, 2, 1, 0 minus the item give the rest 2, 1, 1, 0.
    assert discrimination_index([1, 1, 0, 0], [3, 2, 1, 0]) == pytest.approx(R)


def test_discrimination_leaves_the_item_out_of_the_total():
    # Correlating with the whole total would give 1/sqrt(5) = 0.447; with the rest: 0.
    assert pearson([1, 0, 1, 0], [3, 2, 1, 0]) == pytest.approx(1 / math.sqrt(5))
    assert discrimination_index([1, 0, 1, 0], [3, 2, 1, 0]) == pytest.approx(0.0)


def test_item_statistics_over_a_paper():
    responses = [  # attempt, question, score, max
        (1, 10, 1, 1), (1, 20, 1, 1), (1, 30, 1, 1), (1, 40, 0, 1),
        (2, 10, 1, 1), (2, 20, 0, 1), (2, 30, 1, 1),
        (3, 10, 0, 1), (3, 20, 1, 1), (3, 30, 0, 1),
        (4, 10, 0, 1), (4, 20, 0, 1), (4, 30, 0, 1),
    ]
    stats = {s.question_id: s for s in item_statistics(responses)}
    assert [s.n for s in stats.values()] == [4, 4, 4, 1]
    assert stats[10].facility == 50.0
    assert stats[10].discrimination == pytest.approx(R)
    assert stats[20].discrimination == pytest.approx(0.0)
    assert stats[30].discrimination == pytest.approx(R)
    assert stats[40].facility == 0.0 and stats[40].discrimination is None


@pytest.mark.parametrize(("discrimination", "flagged"), [
    (0.7, False), (0.2, False), (0.19, True), (0.0, True), (-0.5, True), (None, False),
])
def test_items_below_point_two_need_review(discrimination, flagged):
    assert ItemStat(1, 10, 50.0, discrimination).needs_review is flagged
