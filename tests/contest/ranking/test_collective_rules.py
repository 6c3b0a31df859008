"""Collective formulas as pure table tests: "100% of staff and a winner", configurable points
weights, and the explanation of each unit's rank."""

from __future__ import annotations

import pytest

from contest.ranking.collective import UnitStats, clean_weights, rank_units
from contest.ranking.collective_explain import explain_units, left_out_reason, rank_reasons
from contest.ranking.tiebreak import RankingError


def unit(uid, headcount, entrants, *, score=0.0, attempts=None, winners=0, counted=None):
    return UnitStats(uid, 1, headcount, entrants, attempts if attempts is not None else entrants,
                     score, counted if counted is not None else entrants, 0, winners)


FULL = [
    unit(1, 4, 4, score=60, winners=1),  # 100 %, one winner, average 15
    unit(2, 4, 4, score=70, winners=0),  # 100 %, no winner
    unit(3, 5, 4, score=80, winners=2),  # 80 %
    unit(4, 2, 2, score=20, winners=2),  # 100 %, two winners, average 10
    unit(5, 0, 3, score=30, winners=1),  # no headcount
    unit(6, 3, 3, score=54, winners=1),  # 100 %, one winner, average 18
]


def test_full_staff_and_winner():
    rows = rank_units(FULL, "full_staff_winner")
    assert [(r.rank, r.stats.unit_id) for r in rows] == [(1, 4), (2, 6), (3, 1)]


@pytest.mark.parametrize(("uid", "words"), [
    (2, "không có người đạt giải"), (3, "80%, chưa đủ 100% biên chế"),
    (5, "chưa có biên chế"), (1, ""),
])
def test_full_staff_left_out_reasons(uid, words):
    s = next(u for u in FULL if u.unit_id == uid)
    reason = left_out_reason(s, "full_staff_winner")
    assert (words in reason) if words else reason == ""


def test_rate_formula_left_out_reason():
    s = unit(1, 10, 4)
    assert "40% dưới mức tối thiểu 50%" in left_out_reason(s, "rate_then_average", 0.5)
    assert left_out_reason(s, "rate_then_average", 0.4) == ""


POINTS_UNITS = [unit(1, 10, 5, score=50, attempts=9), unit(2, 10, 8, score=40, attempts=8),
                unit(3, 10, 2, score=60, attempts=2)]

WEIGHT_CASES = [
    # (weights, points per unit id)
    (None, {1: 7, 2: 6, 3: 5}),  # default: entrants, total score, attempts; weight 1 each
    ({"entrants": 1, "score_total": 1, "attempts": 1}, {1: 7, 2: 6, 3: 5}),
    ({"entrants": 2, "score_total": 0, "attempts": 1}, {1: 7, 2: 8, 3: 3}),
    ({"score_total": 1}, {1: 2, 2: 1, 3: 3}),
    ({"entrants": 0.5, "rate": 1}, {1: 3, 2: 4.5, 3: 1.5}),
]


@pytest.mark.parametrize(("weights", "points"), WEIGHT_CASES)
def test_points_weights(weights, points):
    rows = rank_units(POINTS_UNITS, "points", weights=weights)
    assert {r.stats.unit_id: r.points for r in rows} == points
    assert [r.points for r in rows] == sorted(points.values(), reverse=True)


def test_points_detail_is_weighted():
    rows = rank_units(POINTS_UNITS, "points", weights={"entrants": 2, "attempts": 1})
    best = rows[0]
    assert best.stats.unit_id == 2 and best.detail == {"entrants": 6, "attempts": 2}


@pytest.mark.parametrize("weights", [{"height": 1}, {"entrants": -1}, {"entrants": 0}, {}])
def test_bad_weights_are_refused(weights):
    with pytest.raises(RankingError):
        clean_weights(weights)


def test_explain_units_rate_then_average():
    units = [unit(1, 10, 8, score=80), unit(2, 10, 8, score=72), unit(3, 10, 6, score=90)]
    rows = rank_units(units, "rate_then_average", 0.5)
    assert [r.stats.unit_id for r in rows] == [1, 2, 3]
    assert explain_units(rows[0], rows[1], "rate_then_average") == (
        "Bằng tỷ lệ tham gia (80%); điểm trung bình 10 > 9")
    assert explain_units(rows[1], rows[2], "rate_then_average") == (
        "Tỷ lệ tham gia 80% > 60%")
    names = {1: "Sở Nội vụ", 2: "Sở Tư pháp", 3: "UBND xã Ô Môn"}
    reasons = rank_reasons(rows, "rate_then_average", names.get)
    assert reasons[1].startswith("Xếp trên Sở Tư pháp: Bằng tỷ lệ tham gia")
    assert reasons[3] == "Xếp sau Sở Tư pháp: Tỷ lệ tham gia 80% > 60%"


def test_explain_units_points_shows_the_criteria():
    rows = rank_units(POINTS_UNITS, "points", weights={"entrants": 2, "attempts": 1})
    text = explain_units(rows[0], rows[1], "points")
    assert text.startswith("Tổng điểm tiêu chí 8 (số người dự thi 6, số lượt thi 2) > 7")


def test_explain_units_tied_names_the_unit_id():
    rows = rank_units([unit(1, 10, 5), unit(2, 10, 5)], "most_entrants")
    assert rows[0].tied and rows[1].tied
    assert explain_units(rows[0], rows[1], "most_entrants") == (
        "Bằng số người dự thi (5); đồng hạng; thứ tự hiển thị theo mã đơn vị 1 < 2")


def test_single_unit_reason():
    rows = rank_units([unit(1, 10, 5)], "most_entrants")
    assert rank_reasons(rows, "most_entrants", str) == {
        1: "Đơn vị duy nhất được xếp hạng trong khối."}
